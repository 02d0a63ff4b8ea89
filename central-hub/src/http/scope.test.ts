import { describe, expect, it } from "vitest";
import type { DirectorySnapshot } from "./ports.js";
import { canSeeCentre, countersFor, scopeDirectory } from "./scope.js";

const directory: DirectorySnapshot = {
  centres: [
    { id: "a", name: "A", district: null },
    { id: "b", name: "B", district: null },
  ],
  departments: [{ id: "a-ht", centreId: "a", name: "Hộ tịch" }],
  counters: [
    { id: "a1", centreId: "a", departmentId: "a-ht", name: "1", field: "ho-tich", agentId: null },
    { id: "a2", centreId: "a", departmentId: null, name: "2", field: "dat-dai", agentId: null },
    { id: "b1", centreId: "b", departmentId: null, name: "1", field: "ho-tich", agentId: null },
  ],
  people: [],
};

describe("centre scoping", () => {
  it("limits a centre leader to their centre and lets admins and installers see all", () => {
    const leader = { role: "centre_leader" as const, centreId: "a" };
    expect(scopeDirectory(leader, directory).counters.map((c) => c.id)).toEqual(["a1", "a2"]);
    expect(canSeeCentre(leader, "b")).toBe(false);
    expect(canSeeCentre({ role: "admin", centreId: null }, "b")).toBe(true);
    expect(canSeeCentre({ role: "installer", centreId: "a" }, "b")).toBe(true);
  });

  it("gives an official no centre at all, even their own or without a centre", () => {
    for (const official of [
      { role: "official" as const, centreId: "a" },
      { role: "official" as const, centreId: null },
    ]) {
      expect(canSeeCentre(official, "a")).toBe(false);
      expect(scopeDirectory(official, directory)).toEqual({ centres: [], departments: [], counters: [], people: [] });
    }
  });

  it("resolves trend targets to counters, or undefined outside the viewer's directory", () => {
    const mine = scopeDirectory({ role: "supervisor", centreId: "a" }, directory);
    expect(countersFor(mine, { scope: "department", id: "a-ht" })?.map((c) => c.id)).toEqual(["a1"]);
    expect(countersFor(mine, { scope: "centre", id: "a" })).toHaveLength(2);
    expect(countersFor(mine, { scope: "centre", id: "b" })).toBeUndefined();
    expect(countersFor(mine, { scope: "counter", id: "b1" })).toBeUndefined();
  });
});
