import { describe, expect, it } from "vitest";
import type { RgbImage } from "../types.js";
import { boxDownsample, flipHorizontal, imageToTensor, letterbox, padToSize, resizeBilinear } from "./image-ops.js";

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
  return { width, height, data };
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
});
