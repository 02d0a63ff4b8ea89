import { describe, expect, it } from "vitest";
import { until } from "./until.js";

describe("until", () => {
  it("returns the probe's first defined value, after asking again while it had none", async () => {
    let calls = 0;
    const value = await until("the third call", async () => (++calls === 3 ? "ready" : undefined), 1_000, 1);
    expect([value, calls]).toEqual(["ready", 3]);
  });

  it("names what it waited for when time runs out", async () => {
    await expect(until("a reply", async () => undefined, 20, 5)).rejects.toThrow("timed out waiting for a reply");
  });
});
