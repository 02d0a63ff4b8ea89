import { describe, expect, it } from "vitest";
import type { RgbImage } from "../types.js";
import { createBoxPyramid } from "./box-pyramid.js";
import { boxDownsample, letterbox } from "./image-ops.js";

/** Deterministic noise with bright values, so sums are large and every block differs from its neighbours. */
function noise(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) % 251) ^ ((i >> 3) % 5);
  return { width, height, data };
}

describe("box pyramid", () => {
  it("gives every factor exactly boxDownsample's pixels, whether summed from the frame or a finer level", () => {
    const src = noise(203, 131);
    const prefilter = createBoxPyramid(src);
    // 2 first, then multiples of it (4, 6, 12 from 2/4/6) and factors with no computed divisor (5, 33, 10 from 5).
    for (const factor of [2, 4, 6, 12, 5, 33, 10, 3, 9]) {
      const expected = boxDownsample(src, factor);
      const got = prefilter(factor);
      expect([got.width, got.height], `factor ${factor}`).toEqual([expected.width, expected.height]);
      expect(Buffer.from(got.data).equals(Buffer.from(expected.data)), `factor ${factor}`).toBe(true);
    }
  });
  it("returns the frame itself below factor 2 and the same image for a repeated factor", () => {
    const src = noise(40, 30);
    const prefilter = createBoxPyramid(src);
    expect(prefilter(1.7)).toBe(src);
    expect(prefilter(4.9)).toBe(prefilter(4));
  });
  it("letterboxes a frame to the same pixels through a shared pyramid as without it", () => {
    const frame = noise(1280, 720);
    const prefilter = createBoxPyramid(frame);
    for (const side of [640, 320, 192, 128, 64, 38]) {
      const plain = letterbox(frame, side, side, false).image;
      const shared = letterbox(frame, side, side, false, prefilter).image;
      expect(Buffer.from(shared.data).equals(Buffer.from(plain.data)), `side ${side}`).toBe(true);
    }
  });
});
