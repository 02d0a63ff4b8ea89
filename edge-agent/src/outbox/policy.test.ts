import { describe, expect, it } from "vitest";
import { INCIDENT_PRIORITY, priorityOf, selectEvictions } from "./policy.js";

const row = (seq: number, kind: "visit" | "incident" | "score" | "health", bytes = 100) => ({
  seq,
  priority: priorityOf(kind),
  bytes,
});

describe("outbox eviction policy", () => {
  it("ranks incidents above every other kind", () => {
    expect(priorityOf("incident")).toBe(INCIDENT_PRIORITY);
    for (const kind of ["visit", "score", "health"] as const) expect(priorityOf(kind)).toBeLessThan(INCIDENT_PRIORITY);
  });

  it("drops the oldest non-incident rows first and keeps incidents", () => {
    const rows = [row(1, "incident"), row(2, "visit"), row(3, "health"), row(4, "incident"), row(5, "score")];
    expect(selectEvictions(rows, 150)).toEqual([2, 3]);
  });

  it("frees at least the excess, no more rows than needed", () => {
    const rows = [row(1, "visit", 40), row(2, "visit", 40), row(3, "visit", 40)];
    expect(selectEvictions(rows, 41)).toEqual([1, 2]);
    expect(selectEvictions(rows, 40)).toEqual([1]);
    expect(selectEvictions(rows, 0)).toEqual([]);
  });

  it("drops the oldest incidents only when nothing else is left", () => {
    const rows = [row(7, "incident"), row(3, "incident"), row(9, "visit")];
    expect(selectEvictions(rows, 250)).toEqual([9, 3, 7]);
  });

  it("does not depend on the order candidates arrive in", () => {
    const rows = [row(5, "score"), row(2, "incident"), row(1, "visit"), row(3, "health")];
    expect(selectEvictions(rows, 300)).toEqual([1, 3, 5]);
  });
});
