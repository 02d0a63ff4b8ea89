import { describe, expect, it } from "vitest";
import { demoDirectorySeed } from "./demo-directory.js";
import { checkReferences } from "./references.js";

const seed = demoDirectorySeed("$argon2id$not-a-real-hash");

describe("directory cross-references", () => {
  it("accepts the demo, whose official Nguyễn Thị Lan has her own login", () => {
    expect(() => checkReferences(seed, "demo")).not.toThrow();
    expect(seed.officials.find((o) => o.personId)?.personId).toBe("p-canbo-lan");
  });

  it("refuses an official linked to an unknown login or to a person of another centre", () => {
    const linkTo = (personId: string) => ({
      ...seed,
      officials: seed.officials.map((o) => (o.id === "cb-minh" ? { ...o, personId } : o)),
    });
    expect(() => checkReferences(linkTo("p-nobody"), "demo")).toThrow(/unknown person "p-nobody"/);
    expect(() => checkReferences(linkTo("p-leader-dk"), "demo")).toThrow(/another centre/);
  });
});
