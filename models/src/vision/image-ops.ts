import type { RgbImage } from "../types.js";

/** Averages f×f pixel blocks: cheap anti-aliasing before bilinear sampling at a much smaller scale. */
export function boxDownsample(image: RgbImage, factor: number): RgbImage {
  const f = Math.floor(factor);
  if (f <= 1) return image;
  const width = Math.max(1, Math.floor(image.width / f));
  const height = Math.max(1, Math.floor(image.height / f));
  const data = new Uint8Array(width * height * 3);
  const area = f * f;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < f; dy++) {
          const row = (y * f + dy) * image.width;
          for (let dx = 0; dx < f; dx++) sum += image.data[(row + x * f + dx) * 3 + c] as number;
        }
        data[(y * width + x) * 3 + c] = Math.round(sum / area);
      }
    }
  }
  return { width, height, data };
}

/** Bilinear sample of channel c at (x, y) in pixel-centre coordinates; outside the image reads 0. */
export function sampleBilinear(image: RgbImage, x: number, y: number, c: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const { width, height, data } = image;
  const x0in = x0 >= 0 && x0 < width;
  const x1in = x0 + 1 >= 0 && x0 + 1 < width;
  let top = 0;
  let bottom = 0;
  if (y0 >= 0 && y0 < height) {
    const row = y0 * width;
    top =
      (x0in ? (data[(row + x0) * 3 + c] as number) * (1 - fx) : 0) +
      (x1in ? (data[(row + x0 + 1) * 3 + c] as number) * fx : 0);
  }
  if (y0 + 1 >= 0 && y0 + 1 < height) {
    const row = (y0 + 1) * width;
    bottom =
      (x0in ? (data[(row + x0) * 3 + c] as number) * (1 - fx) : 0) +
      (x1in ? (data[(row + x0 + 1) * 3 + c] as number) * fx : 0);
  }
  return top * (1 - fy) + bottom * fy;
}

/** Source index and weight pairs for one axis of a half-pixel-centre bilinear resize (edge-clamped). */
function axisTaps(srcSize: number, dstSize: number): { i0: Int32Array; i1: Int32Array; w: Float32Array } {
  const i0 = new Int32Array(dstSize);
  const i1 = new Int32Array(dstSize);
  const w = new Float32Array(dstSize);
  const scale = srcSize / dstSize;
  for (let d = 0; d < dstSize; d++) {
    const src = Math.min(srcSize - 1, Math.max(0, (d + 0.5) * scale - 0.5));
    const lo = Math.floor(src);
    i0[d] = lo;
    i1[d] = Math.min(srcSize - 1, lo + 1);
    w[d] = src - lo;
  }
  return { i0, i1, w };
}

/** Resizes with half-pixel-centre bilinear sampling (box-prefiltered when shrinking by 2× or more). */
export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
  const pre = boxDownsample(image, Math.min(image.width / width, image.height / height));
  const xs = axisTaps(pre.width, width);
  const ys = axisTaps(pre.height, height);
  const src = pre.data;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const r0 = (ys.i0[y] as number) * pre.width;
    const r1 = (ys.i1[y] as number) * pre.width;
    const wy = ys.w[y] as number;
    for (let x = 0; x < width; x++) {
      const c0 = xs.i0[x] as number;
      const c1 = xs.i1[x] as number;
      const wx = xs.w[x] as number;
      const a = (r0 + c0) * 3;
      const b = (r0 + c1) * 3;
      const c = (r1 + c0) * 3;
      const d = (r1 + c1) * 3;
      const o = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) {
        const top = (src[a + k] as number) * (1 - wx) + (src[b + k] as number) * wx;
        const bottom = (src[c + k] as number) * (1 - wx) + (src[d + k] as number) * wx;
        data[o + k] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return { width, height, data };
}

export interface Letterboxed {
  image: RgbImage;
  /** model-input pixels per source pixel; source = input / scale (padding is at the right/bottom). */
  scale: number;
}

/** Fits the image inside width×height keeping its aspect ratio, padding the right/bottom with black. */
export function letterbox(image: RgbImage, width: number, height: number): Letterboxed {
  const scale = Math.min(width / image.width, height / image.height);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  return { image: padToSize(resizeBilinear(image, w, h), width, height), scale };
}

/** Places the image at the top-left of a black width×height canvas. */
export function padToSize(image: RgbImage, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const rowBytes = Math.min(image.width, width) * 3;
  for (let y = 0; y < Math.min(image.height, height); y++) {
    data.set(image.data.subarray(y * image.width * 3, y * image.width * 3 + rowBytes), y * width * 3);
  }
  return { width, height, data };
}

export function flipHorizontal(image: RgbImage): RgbImage {
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const src = (y * image.width + x) * 3;
      const dst = (y * image.width + (image.width - 1 - x)) * 3;
      data[dst] = image.data[src] as number;
      data[dst + 1] = image.data[src + 1] as number;
      data[dst + 2] = image.data[src + 2] as number;
    }
  }
  return { width: image.width, height: image.height, data };
}

export interface TensorLayout {
  layout: "NCHW" | "NHWC";
  colorOrder: "RGB" | "BGR" | "GRAY";
  normalisation: { scale: number; mean: readonly number[]; std: readonly number[] };
}

/** ITU-R BT.601 luma weights, as tfjs models (and OpenCV) use for RGB→gray. */
export const GRAY_WEIGHTS = [0.2989, 0.587, 0.114] as const;

/** Converts an image into a float tensor (batch 1) as a model manifest describes its input. */
export function imageToTensor(image: RgbImage, spec: TensorLayout): Float32Array {
  const channels = spec.colorOrder === "GRAY" ? 1 : 3;
  const plane = image.width * image.height;
  const out = new Float32Array(plane * channels);
  const order = spec.colorOrder === "BGR" ? [2, 1, 0] : [0, 1, 2];
  const { scale, mean, std } = spec.normalisation;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) {
      const raw =
        channels === 1
          ? GRAY_WEIGHTS[0] * (image.data[p * 3] as number) +
            GRAY_WEIGHTS[1] * (image.data[p * 3 + 1] as number) +
            GRAY_WEIGHTS[2] * (image.data[p * 3 + 2] as number)
          : (image.data[p * 3 + (order[c] as number)] as number);
      const value = (raw * scale - (mean[c] ?? mean[0] ?? 0)) / (std[c] ?? std[0] ?? 1);
      out[spec.layout === "NCHW" ? c * plane + p : p * channels + c] = value;
    }
  }
  return out;
}
