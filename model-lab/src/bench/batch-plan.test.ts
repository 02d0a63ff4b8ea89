import { describe, expect, it } from "vitest";
import { planBatch } from "./batch-plan.js";

describe("planBatch", () => {
  it("feeds a dynamic batch dimension the whole batch in one call", () => {
    expect(planBatch("N", 8)).toEqual({ batch: 8, tensorBatch: 8, callsPerSample: 1, label: "8" });
  });

  it("runs a static batch of 1 as sequential calls and says so in the label", () => {
    expect(planBatch(1, 8)).toEqual({ batch: 8, tensorBatch: 1, callsPerSample: 8, label: "8×1 (static batch)" });
    expect(planBatch(1, 1)).toEqual({ batch: 1, tensorBatch: 1, callsPerSample: 1, label: "1" });
  });

  it("rejects a batch the static dimension does not divide, and non-positive batches", () => {
    expect(() => planBatch(4, 6)).toThrow(/multiple/);
    expect(() => planBatch("N", 0)).toThrow(/positive/);
  });
});
