import { describe, expect, it } from "vitest";
import type { RgbImage } from "../types.js";
import {
  boxDownsample,
  flipHorizontal,
  imageToTensor,
  letterbox,
  padToSize,
  resizeBilinear,
  sampleBilinear,
} from "./image-ops.js";

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  return { width, height, data };
}

/** Deterministic noise, so that every pixel of a comparison differs from its neighbours. */
function noise(width: number, height: number): RgbImage {
  return image(width, height, (x, y) => [(x * 37 + y * 11) % 256, (x * 13 + y * 71) % 256, (x * y + 5) % 256]);
}

describe("image operations", () => {
  it("resizing a uniform image keeps its colour", () => {
    const out = resizeBilinear(
      image(10, 7, () => [10, 20, 30]),
      33,
      4,
    );
    expect(out.width).toBe(33);
    expect(new Set(out.data)).toEqual(new Set([10, 20, 30]));
  });
  it("upscaling 2× interpolates between pixel centres", () => {
    const out = resizeBilinear(
      image(2, 1, (x) => (x === 0 ? [0, 0, 0] : [100, 100, 100])),
      4,
      1,
    );
    expect(Array.from(out.data.filter((_, i) => i % 3 === 0))).toEqual([0, 25, 75, 100]);
  });
  it("box-downsampling averages blocks", () => {
    const out = boxDownsample(
      image(4, 2, (x) => (x % 2 === 0 ? [0, 0, 0] : [200, 200, 200])),
      2,
    );
    expect(out.width).toBe(2);
    expect(Array.from(out.data)).toEqual([100, 100, 100, 100, 100, 100]);
  });
  it("box-downsampling a region gives the same pixels as that part of the whole downsampled image", () => {
    const src = noise(61, 47);
    const whole = boxDownsample(src, 3);
    const part = boxDownsample(src, 3, { x0: 4, y0: 2, x1: 12, y1: 30 });
    // Clipped to the 20×15 downsampled grid: columns 4–11, rows 2–14.
    expect([part.width, part.height]).toEqual([8, 13]);
    for (let y = 0; y < part.height; y++) {
      const row = whole.data.subarray(((y + 2) * whole.width + 4) * 3, ((y + 2) * whole.width + 12) * 3);
      expect(Array.from(part.data.subarray(y * 8 * 3, (y + 1) * 8 * 3))).toEqual(Array.from(row));
    }
  });
  it("resizes like per-pixel bilinear sampling at half-pixel centres", () => {
    const src = noise(40, 30);
    const out = resizeBilinear(src, 53, 17); // enlarging in x, shrinking by < 2 in y: no box prefilter
    for (const [x, y] of [
      [3, 4],
      [20, 9],
      [51, 15],
    ] as const) {
      const sx = ((x + 0.5) * 40) / 53 - 0.5;
      const sy = ((y + 0.5) * 30) / 17 - 0.5;
      for (let c = 0; c < 3; c++) {
        expect(out.data[(y * 53 + x) * 3 + c]).toBe(Math.round(sampleBilinear(src, sx, sy, c)));
      }
    }
  });
  it("letterboxes a wide image into a square, padding the bottom with black", () => {
    const { image: out, scale } = letterbox(
      image(200, 100, () => [255, 255, 255]),
      100,
      100,
    );
    expect(scale).toBe(0.5);
    expect(out.data[(10 * 100 + 50) * 3]).toBe(255);
    expect(out.data[(75 * 100 + 50) * 3]).toBe(0);
  });
  it("pads to a larger canvas at the top-left", () => {
    const out = padToSize(
      image(1, 1, () => [9, 9, 9]),
      2,
      2,
    );
    expect(Array.from(out.data)).toEqual([9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
  it("flips horizontally", () => {
    const out = flipHorizontal(image(2, 1, (x) => [x, 0, 0]));
    expect(Array.from(out.data)).toEqual([1, 0, 0, 0, 0, 0]);
  });
  it("builds NCHW BGR and GRAY tensors with the manifest's normalisation", () => {
    const img = image(2, 1, () => [255, 0, 0]);
    const bgr = imageToTensor(img, {
      layout: "NCHW",
      colorOrder: "BGR",
      normalisation: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
    });
    expect(Array.from(bgr)).toEqual([0, 0, 0, 0, 255, 255]);
    const gray = imageToTensor(img, {
      layout: "NCHW",
      colorOrder: "GRAY",
      normalisation: { scale: 1 / 255, mean: [0.5], std: [0.5] },
    });
    expect(gray[0]).toBeCloseTo((0.2989 - 0.5) / 0.5, 5);
    const nhwc = imageToTensor(img, {
      layout: "NHWC",
      colorOrder: "RGB",
      normalisation: { scale: 1, mean: [0], std: [1] },
    });
    expect(Array.from(nhwc)).toEqual([255, 0, 0, 255, 0, 0]);
  });
  it("writes an image into a larger tensor canvas, the rest being normalised black", () => {
    const spec = { layout: "NCHW", colorOrder: "RGB", normalisation: { scale: 1, mean: [10], std: [2] } } as const;
    const t = imageToTensor(
      image(1, 2, () => [30, 50, 70]),
      spec,
      { width: 2, height: 2 },
    );
    // Planes R, G, B of a 2×2 canvas: column 0 is the image, column 1 padding (0 - 10) / 2.
    expect(Array.from(t)).toEqual([10, -5, 10, -5, 20, -5, 20, -5, 30, -5, 30, -5]);
    const nhwc = imageToTensor(
      image(1, 1, () => [30, 50, 70]),
      { ...spec, layout: "NHWC" },
      { width: 2, height: 1 },
    );
    expect(Array.from(nhwc)).toEqual([10, 20, 30, -5, -5, -5]);
  });
});
