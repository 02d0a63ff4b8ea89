import { describe, expect, it } from "vitest";
import { blazeFaceAnchors, decodeBlazeFace, fivePointsFromBlazeFace } from "./blazeface-decode.js";

describe("BlazeFace decoding", () => {
  it("generates 896 anchors for 128 px input, 16×16×2 at stride 8 then 8×8×6 at stride 16", () => {
    const a = blazeFaceAnchors(128);
    expect(a).toHaveLength(896);
    expect(a[0]).toEqual({ x: 4, y: 4 });
    expect(a[1]).toEqual({ x: 4, y: 4 });
    expect(a[2]).toEqual({ x: 12, y: 4 });
    expect(a[512]).toEqual({ x: 8, y: 8 });
    expect(a[895]).toEqual({ x: 120, y: 120 });
    expect(blazeFaceAnchors(256)[512]).toEqual({ x: 16, y: 16 });
  });
  it("decodes box and keypoints relative to the anchor and keeps only confident anchors", () => {
    const anchors = blazeFaceAnchors(128);
    const logits = new Float32Array(896).fill(-10);
    const regressors = new Float32Array(896 * 16);
    logits[512] = 3; // anchor (8, 8)
    regressors.set([2, -1, 20, 24, -4, -3, 4, -3, 0, 1, 0, 6, -9, 0, 9, 0], 512 * 16);
    const faces = decodeBlazeFace(logits, regressors, anchors, {
      inputSize: 128,
      scoreThreshold: 0.5,
      nmsThreshold: 0.3,
    });
    expect(faces).toHaveLength(1);
    expect(faces[0]?.score).toBeCloseTo(1 / (1 + Math.exp(-3)));
    expect(faces[0]?.box).toEqual({ x: 0, y: -5, width: 20, height: 24 });
    expect(faces[0]?.landmarks?.slice(0, 3)).toEqual([
      { x: 4, y: 5 },
      { x: 12, y: 5 },
      { x: 8, y: 9 },
    ]);
  });
  it("orders the eyes image-left first and puts mouth corners 0.414 eye-distances from the mouth centre", () => {
    const pts = fivePointsFromBlazeFace({ x: 60, y: 10 }, { x: 40, y: 10 }, { x: 50, y: 20 }, { x: 50, y: 30 });
    expect(pts[0]).toEqual({ x: 40, y: 10 });
    expect(pts[1]).toEqual({ x: 60, y: 10 });
    expect(pts[3].x).toBeCloseTo(50 - 8.28);
    expect(pts[4].x).toBeCloseTo(50 + 8.28);
  });
});
