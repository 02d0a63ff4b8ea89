import { describe, expect, it } from "vitest";
import { splitBlazeFaceOutputs } from "./blazeface-detector.js";
import { largestFace, mapFace } from "./face-detector.js";

describe("detector helpers", () => {
  it("maps a face from model-input pixels back to the source image, clipped to its edges", () => {
    const face = mapFace(
      {
        box: { x: -10, y: 20, width: 100, height: 50 },
        score: 0.9,
        landmarks: [
          { x: 10, y: 20 },
          { x: 30, y: 20 },
          { x: 20, y: 30 },
          { x: 12, y: 40 },
          { x: 28, y: 40 },
        ],
      },
      0.5,
      0,
      0,
      { width: 150, height: 400 },
    );
    expect(face.box).toEqual({ x: 0, y: 40, width: 150, height: 100 });
    expect(face.landmarks?.[2]).toEqual({ x: 40, y: 60 });
  });
  it("picks the largest face by area", () => {
    const small = { box: { x: 0, y: 0, width: 10, height: 10 }, score: 0.99 };
    const big = { box: { x: 0, y: 0, width: 30, height: 20 }, score: 0.7 };
    expect(largestFace([small, big])).toBe(big);
    expect(largestFace([])).toBeUndefined();
  });
  it("reads BlazeFace outputs either as separate scores/boxes or as one [896,17] tensor", () => {
    const scores = { data: new Float32Array([1, 2]), dims: [1, 2, 1] };
    const boxes = { data: new Float32Array(32).map((_, i) => i), dims: [1, 2, 16] };
    expect(splitBlazeFaceOutputs([scores, boxes], 2).logits).toEqual(new Float32Array([1, 2]));
    const joint = { data: new Float32Array(34).map((_, i) => i), dims: [1, 2, 17] };
    const split = splitBlazeFaceOutputs([joint], 2);
    expect(Array.from(split.logits)).toEqual([0, 17]);
    expect(split.regressors[16]).toBe(18);
  });
});
