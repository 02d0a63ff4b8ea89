import { describe, expect, it } from "vitest";
import { depthwiseToOihw, hwioToOihw, nhwcAxisToNchw, nhwcToNchw, samePadding, validPadding } from "./layout.js";

describe("hwioToOihw", () => {
  it("moves a 1×2 kernel with 2 inputs and 3 outputs from [H,W,I,O] to [O,I,H,W]", () => {
    // TF value at (h=0, w, i, o) = 100·w + 10·i + o, laid out [1, 2, 2, 3].
    const hwio: number[] = [];
    for (let w = 0; w < 2; w++) for (let i = 0; i < 2; i++) for (let o = 0; o < 3; o++) hwio.push(100 * w + 10 * i + o);
    const { data, dims } = hwioToOihw(Float32Array.from(hwio), [1, 2, 2, 3]);
    expect(dims).toEqual([3, 2, 1, 2]);
    // ONNX order: o, i, h, w.
    expect(Array.from(data)).toEqual([0, 100, 10, 110, 1, 101, 11, 111, 2, 102, 12, 112]);
  });

  it("rejects kernels that are not rank 4", () => {
    expect(() => hwioToOihw(new Float32Array(4), [2, 2])).toThrow(/rank 4/);
  });
});

describe("depthwiseToOihw", () => {
  it("numbers output channels c·M + m and sets group = C", () => {
    // [H=1, W=2, C=2, M=2]; value = 100·w + 10·c + m.
    const hwcm: number[] = [];
    for (let w = 0; w < 2; w++) for (let c = 0; c < 2; c++) for (let m = 0; m < 2; m++) hwcm.push(100 * w + 10 * c + m);
    const { data, dims, group } = depthwiseToOihw(Float32Array.from(hwcm), [1, 2, 2, 2]);
    expect(group).toBe(2);
    expect(dims).toEqual([4, 1, 1, 2]);
    // out channel 0 = (c0,m0), 1 = (c0,m1), 2 = (c1,m0), 3 = (c1,m1); each holds w = 0, 1.
    expect(Array.from(data)).toEqual([0, 100, 1, 101, 10, 110, 11, 111]);
  });
});

describe("TF padding", () => {
  it("SAME with an even total splits it evenly", () => {
    expect(samePadding(5, 3, 1)).toEqual({ begin: 1, end: 1, outSize: 5 });
  });

  it("SAME puts the odd pixel at the end (stride 2, even input)", () => {
    // 64 → 32 with a 3×3 kernel: total = 31·2 + 3 − 64 = 1 → 0 before, 1 after.
    expect(samePadding(64, 3, 2)).toEqual({ begin: 0, end: 1, outSize: 32 });
  });

  it("SAME with a 2×2 stride-2 pool on an even input needs no padding", () => {
    expect(samePadding(16, 2, 2)).toEqual({ begin: 0, end: 0, outSize: 8 });
  });

  it("SAME on an odd input with stride 2 pads both sides", () => {
    // 7 → 4: total = 3·2 + 3 − 7 = 2.
    expect(samePadding(7, 3, 2)).toEqual({ begin: 1, end: 1, outSize: 4 });
  });

  it("SAME accounts for dilation", () => {
    // effective kernel 5: total = 9·1 + 5 − 10 = 4.
    expect(samePadding(10, 3, 1, 2)).toEqual({ begin: 2, end: 2, outSize: 10 });
  });

  it("VALID never pads and floors the output size", () => {
    expect(validPadding(64, 3, 2)).toEqual({ begin: 0, end: 0, outSize: 31 });
  });
});

describe("NHWC ↔ NCHW", () => {
  it("maps NHWC axes to NCHW axes", () => {
    expect([0, 1, 2, 3, -1].map(nhwcAxisToNchw)).toEqual([0, 2, 3, 1, 1]);
  });

  it("transposes activation data", () => {
    // [1, 1, 2, 3]: pixel p channel c = 10·p + c.
    const nchw = nhwcToNchw(Float32Array.from([0, 1, 2, 10, 11, 12]), [1, 1, 2, 3]);
    expect(Array.from(nchw)).toEqual([0, 10, 1, 11, 2, 12]);
  });
});
