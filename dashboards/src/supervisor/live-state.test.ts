import type { CounterTile, IncidentDto } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { applyLiveEvent, EMPTY_LIVE_STATE, filterTiles, withTiles } from "./live-state.js";
import { incidentDto } from "./testing.js";

function tile(counterId: string, over: Partial<CounterTile> = {}): CounterTile {
  return {
    counterId,
    counterName: `Quầy ${counterId}`,
    centreId: "q1",
    departmentId: null,
    field: "civil-status",
    level: null,
    levelAt: null,
    visitActive: false,
    today: {
      visits: 0,
      levelCounts: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
      shares: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
      satisfactionRate: null,
      score: null,
      incidents: 0,
    },
    openIncidents: 0,
    agent: { agentId: "agent-1", online: true, lastSeen: 1 },
    cameraState: "ok",
    degraded: false,
    ...over,
  };
}

function incident(id: string, raisedAt: number, over: Partial<IncidentDto> = {}): IncidentDto {
  return incidentDto(id, { raisedAt, ...over });
}

describe("live supervisor state", () => {
  it("a tile event replaces that counter's tile and leaves the others", () => {
    const start = withTiles(EMPTY_LIVE_STATE, [tile("c2"), tile("c1")]);
    expect(start.tiles.map((t) => t.counterId)).toEqual(["c1", "c2"]);
    const next = applyLiveEvent(
      start,
      { type: "tile", tile: tile("c1", { level: "dissatisfied", openIncidents: 1 }) },
      5,
    );
    expect(next.tiles.find((t) => t.counterId === "c1")?.openIncidents).toBe(1);
    expect(next.tiles.find((t) => t.counterId === "c2")).toBe(start.tiles[1]);
    expect(next.lastEventAt).toBe(5);
  });

  it("an agent going offline marks every tile it serves offline", () => {
    const start = withTiles(EMPTY_LIVE_STATE, [
      tile("c1"),
      tile("c2", { agent: { agentId: "agent-2", online: true, lastSeen: 1 } }),
    ]);
    const next = applyLiveEvent(start, { type: "agent", agentId: "agent-1", online: false, at: 9 }, 9);
    expect(next.tiles.map((t) => t.agent.online)).toEqual([false, true]);
  });

  it("an acknowledgement replaces the open incident instead of duplicating it", () => {
    let state = applyLiveEvent(EMPTY_LIVE_STATE, { type: "incident", incident: incident("i1", 100) }, 1);
    state = applyLiveEvent(state, { type: "incident", incident: incident("i2", 200) }, 2);
    state = applyLiveEvent(
      state,
      { type: "incident-ack", incident: incident("i1", 100, { status: "acknowledged", acknowledgedBy: "Lan" }) },
      3,
    );
    expect(state.incidents.map((i) => [i.id, i.status])).toEqual([
      ["i2", "open"],
      ["i1", "acknowledged"],
    ]);
  });

  it("filters tiles by field and counter", () => {
    const tiles = [tile("c1"), tile("c2", { field: "land" })];
    expect(filterTiles(tiles, { field: "land" }).map((t) => t.counterId)).toEqual(["c2"]);
    expect(filterTiles(tiles, { counterId: "c1" }).map((t) => t.counterId)).toEqual(["c1"]);
    expect(filterTiles(tiles, {})).toHaveLength(2);
  });
});
