import { describe, expect, it } from "vitest";
import { nchwPermutation, resolveStridedSlice } from "./ops-shape.js";

describe("shape-op bookkeeping", () => {
  it("an NHWC transpose of an NCHW-stored tensor is one ONNX transpose that keeps NCHW storage", () => {
    expect(nchwPermutation([0, 1, 2, 3])).toEqual([0, 1, 2, 3]);
    // TF swaps W and C: stored [N, C, H, W] becomes [N, W, H, C] stored as NCHW of [N, H, C, W].
    expect(nchwPermutation([0, 1, 3, 2])).toEqual([0, 3, 2, 1]);
  });

  it("resolves begin/end masks, negative indices and shrinking like TF's StridedSlice", () => {
    const axes = resolveStridedSlice([1, 1, 97, 64], {
      begin: [0, 0, 0, -2],
      end: [0, 0, 2, 0],
      strides: [1, 1, 1, 1],
      beginMask: 0b0111,
      endMask: 0b1011,
      shrinkMask: 0b0100,
    });
    expect(axes.map((a) => a.size)).toEqual([1, 1, 1, 2]);
    expect(axes[2]).toMatchObject({ start: 0, end: 1, shrink: true });
    expect(axes[3]).toMatchObject({ start: 62 });
  });
});
