import type { IncidentDto } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { groupIncidents } from "./incident-groups.js";
import { incidentDto } from "./testing.js";

const HOUR = 3_600_000;
const day1 = new Date(2026, 11, 3, 9).getTime();
const day2 = new Date(2026, 11, 4, 9).getTime();

function incident(id: string, counterId: string, at: number, status: IncidentDto["status"]): IncidentDto {
  return incidentDto(id, { counterId, counterName: `Quầy ${counterId}`, onset: at, raisedAt: at, status });
}

describe("groupIncidents", () => {
  const list = [
    incident("a", "c1", day1, "open"),
    incident("b", "c2", day2, "open"),
    incident("c", "c1", day2 + HOUR, "acknowledged"),
    incident("d", "c1", day2 + 2 * HOUR, "open"),
  ];

  it("groups by day then counter, newest first", () => {
    const groups = groupIncidents(list, "all");
    expect(groups.map((g) => g.day)).toEqual(["2026-12-04", "2026-12-03"]);
    expect(groups[0]?.counters.map((c) => [c.counterId, c.incidents.map((i) => i.id)])).toEqual([
      ["c1", ["d", "c"]],
      ["c2", ["b"]],
    ]);
  });

  it("the open filter hides acknowledged incidents", () => {
    const groups = groupIncidents(list, "open");
    expect(groups.flatMap((g) => g.counters.flatMap((c) => c.incidents.map((i) => i.id)))).toEqual(["d", "b", "a"]);
  });
});
