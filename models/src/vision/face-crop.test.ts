import { describe, expect, it } from "vitest";
import type { RgbImage } from "../types.js";
import { alignFace112, cropAndResize, framedSquare, squareAround, typicalLandmarks } from "./face-crop.js";
import { FIVE_POINT_TEMPLATE_112 } from "./similarity-transform.js";

describe("face crops", () => {
  it("squares a box around its centre with a margin", () => {
    expect(squareAround({ x: 10, y: 20, width: 40, height: 20 }, 1.5)).toEqual({ x: 0, y: 0, width: 60, height: 60 });
  });
  it("frames a square from a box: centre offset in box units, side in box widths", () => {
    expect(framedSquare({ x: 100, y: 50, width: 80, height: 100 }, { dx: 0.25, dy: -0.1, side: 1.5 })).toEqual({
      x: 100 + 40 + 20 - 60,
      y: 50 + 50 - 10 - 60,
      width: 120,
      height: 120,
    });
  });
  it("crops a region, filling outside the image with black, then resizes", () => {
    const img: RgbImage = { width: 4, height: 4, data: new Uint8Array(48).fill(90) };
    const out = cropAndResize(img, { x: -4, y: 0, width: 8, height: 4 }, 2, 1);
    expect(Array.from(out.data)).toEqual([0, 0, 0, 90, 90, 90]);
  });
  it("aligns a face whose landmarks already sit on the template without moving it", () => {
    const img: RgbImage = { width: 112, height: 112, data: new Uint8Array(112 * 112 * 3) };
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7) % 251;
    const out = alignFace112(img, {
      box: { x: 0, y: 0, width: 112, height: 112 },
      score: 1,
      landmarks: FIVE_POINT_TEMPLATE_112.map((p) => ({ ...p })) as never,
    });
    expect(out.data[(50 * 112 + 60) * 3]).toBe(img.data[(50 * 112 + 60) * 3]);
  });
  it("places typical landmarks inside the box (eyes above the mouth)", () => {
    const pts = typicalLandmarks({ x: 0, y: 0, width: 100, height: 100 });
    expect(pts[0].y).toBeLessThan(pts[3].y);
    expect(pts[0].x).toBeLessThan(pts[1].x);
  });
});
