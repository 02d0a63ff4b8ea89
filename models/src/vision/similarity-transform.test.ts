import { describe, expect, it } from "vitest";
import type { Point, RgbImage } from "../types.js";
import { boxDownsample, sampleBilinear } from "./image-ops.js";
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
  it("warping a small face out of a large frame equals sampling the whole downsampled frame", () => {
    const img: RgbImage = { width: 300, height: 200, data: new Uint8Array(300 * 200 * 3) };
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7 + (i >> 9)) % 251;
    // Rotated, 0.3× (box factor 3), partly off the left edge: the reference is the plain per-pixel formulation.
    const m: [number, number, number, number, number, number] = [0.28, -0.1, 20, 0.1, 0.28, -15];
    const out = warpAffine(img, m, 40, 30);
    const f = 3;
    const pre = boxDownsample(img, f);
    const off = (f - 1) / 2;
    const inv = invertAffine([
      m[0] * f,
      m[1] * f,
      m[2] + (m[0] + m[1]) * off,
      m[3] * f,
      m[4] * f,
      m[5] + (m[3] + m[4]) * off,
    ]);
    for (let y = 0; y < 30; y++) {
      for (let x = 0; x < 40; x++) {
        const s = applyAffine(inv, { x, y });
        for (let c = 0; c < 3; c++) {
          expect(out.data[(y * 40 + x) * 3 + c]).toBe(Math.round(sampleBilinear(pre, s.x, s.y, c)));
        }
      }
    }
  });
});
