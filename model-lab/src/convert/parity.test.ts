import { describe, expect, it } from "vitest";
import { compareOutputs, concatFlat } from "./parity.js";

describe("compareOutputs", () => {
  it("reports the largest difference and the reference scale", () => {
    expect(compareOutputs([1, 2.5, -3], [1, 2, -4])).toEqual({ maxAbsDiff: 1, maxAbsRef: 4 });
  });

  it("treats NaN in the converted output as an infinite difference", () => {
    expect(compareOutputs([Number.NaN, 0], [1, 0]).maxAbsDiff).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses outputs of different sizes", () => {
    expect(() => compareOutputs([1], [1, 2])).toThrow(/sizes differ/);
  });
});

describe("concatFlat", () => {
  it("joins tensors end to end", () => {
    expect(Array.from(concatFlat([[1, 2], [3]]))).toEqual([1, 2, 3]);
  });
});
