import { describe, expect, it } from "vitest";
import type { Point, RgbImage } from "../types.js";
import {
  applyAffine,
  estimateSimilarity,
  FIVE_POINT_TEMPLATE_112,
  invertAffine,
  warpAffine,
} from "./similarity-transform.js";

describe("similarity transform", () => {
  it("recovers a known rotation + scale + translation exactly (Umeyama)", () => {
    const angle = 0.3;
    const s = 1.7;
    const move = (p: Point): Point => ({
      x: s * (Math.cos(angle) * p.x - Math.sin(angle) * p.y) + 5,
      y: s * (Math.sin(angle) * p.x + Math.cos(angle) * p.y) - 3,
    });
    const m = estimateSimilarity(FIVE_POINT_TEMPLATE_112, FIVE_POINT_TEMPLATE_112.map(move));
    const probe = applyAffine(m, { x: 10, y: 20 });
    const expected = move({ x: 10, y: 20 });
    expect(probe.x).toBeCloseTo(expected.x, 9);
    expect(probe.y).toBeCloseTo(expected.y, 9);
  });
  it("inverts an affine matrix", () => {
    const m = estimateSimilarity(
      [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
      ],
      [
        { x: 3, y: 4 },
        { x: 3, y: 6 },
      ],
    );
    const back = applyAffine(invertAffine(m), applyAffine(m, { x: 7, y: -2 }));
    expect(back.x).toBeCloseTo(7);
    expect(back.y).toBeCloseTo(-2);
  });
  it("warps a marked pixel to where the transform sends it", () => {
    const data = new Uint8Array(20 * 20 * 3);
    data.set([255, 255, 255], (4 * 20 + 6) * 3); // pixel (6, 4)
    const img: RgbImage = { width: 20, height: 20, data };
    const out = warpAffine(img, [1, 0, 3, 0, 1, 2], 20, 20); // shift by (3, 2)
    expect(out.data[(6 * 20 + 9) * 3]).toBe(255);
    expect(out.data[(4 * 20 + 6) * 3]).toBe(0);
  });
  it("shrinking warps average the source instead of skipping pixels", () => {
    // Fine stripes: plain point sampling at 1/4 scale would hit only one stripe colour.
    const img: RgbImage = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 3) };
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x += 2) img.data.fill(200, (y * 64 + x) * 3, (y * 64 + x) * 3 + 3);
    const out = warpAffine(img, [0.25, 0, 0, 0, 0.25, 0], 16, 16);
    expect(out.data[(8 * 16 + 8) * 3]).toBe(100);
  });
});
