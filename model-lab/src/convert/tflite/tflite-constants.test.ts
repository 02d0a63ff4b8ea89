import { describe, expect, it } from "vitest";
import { permuteAxes } from "./tflite-constants.js";

describe("TFLite constant layout", () => {
  it("moves array axes (OHWI kernel → HWIO)", () => {
    const ohwi = Float32Array.from({ length: 2 * 1 * 1 * 3 }, (_, k) => k);
    expect(Array.from(permuteAxes(ohwi, [2, 1, 1, 3], [1, 2, 3, 0]))).toEqual([0, 3, 1, 4, 2, 5]);
  });
});
