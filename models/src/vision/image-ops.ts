import type { RgbImage } from "../types.js";
import type { Prefilter } from "./box-pyramid.js";

// Hot paths for 720p/1080p frames: plain loops over typed arrays, integer indices, no per-pixel calls or
// allocations. Results are bit-identical to the straightforward per-pixel formulation (same float maths and
// rounding), so changing the speed of these loops does not change any model input.

/** A pixel-aligned rectangle [x0, x1) × [y0, y1). */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Averages f×f pixel blocks: cheap anti-aliasing before bilinear sampling at a much smaller scale.
 * With `region` (in output pixels, clipped to the output grid), only that part is computed and returned;
 * its pixels equal the same pixels of the whole downsampled image.
 */
export function boxDownsample(image: RgbImage, factor: number, region?: PixelRect): RgbImage {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1 && !region) return image;
  const fullWidth = Math.max(1, Math.floor(image.width / f));
  const fullHeight = Math.max(1, Math.floor(image.height / f));
  const x0 = Math.max(0, region?.x0 ?? 0);
  const y0 = Math.max(0, region?.y0 ?? 0);
  const width = Math.max(0, Math.min(fullWidth, region?.x1 ?? fullWidth) - x0);
  const height = Math.max(0, Math.min(fullHeight, region?.y1 ?? fullHeight) - y0);
  const data = new Uint8Array(width * height * 3);
  const src = image.data;
  const stride = image.width * 3;
  const area = f * f;
  const area2 = 2 * area;
  let o = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = (y0 + y) * f * stride + x0 * f * 3;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < f; dy++) {
        let s = rowStart + dy * stride + x * f * 3;
        for (let dx = 0; dx < f; dx++, s += 3) {
          r += src[s] as number;
          g += src[s + 1] as number;
          b += src[s + 2] as number;
        }
      }
      // Integer round-half-up of sum/area: the same result as Math.round(sum / area).
      data[o++] = Math.floor((2 * r + area) / area2);
      data[o++] = Math.floor((2 * g + area) / area2);
      data[o++] = Math.floor((2 * b + area) / area2);
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

/** Half-pixel-centre bilinear resize of an already prefiltered image (no anti-aliasing of its own). */
function bilinear(pre: RgbImage, width: number, height: number): RgbImage {
  const xs = axisTaps(pre.width, width);
  const ys = axisTaps(pre.height, height);
  // Byte offsets of each output column's two taps, computed once instead of per row.
  const a0 = new Int32Array(width);
  const a1 = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    a0[x] = (xs.i0[x] as number) * 3;
    a1[x] = (xs.i1[x] as number) * 3;
  }
  const wxs = xs.w;
  const src = pre.data;
  const stride = pre.width * 3;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const r0 = (ys.i0[y] as number) * stride;
    const r1 = (ys.i1[y] as number) * stride;
    const wy = ys.w[y] as number;
    const vy = 1 - wy;
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      const wx = wxs[x] as number;
      const vx = 1 - wx;
      const a = r0 + (a0[x] as number);
      const b = r0 + (a1[x] as number);
      const c = r1 + (a0[x] as number);
      const d = r1 + (a1[x] as number);
      for (let k = 0; k < 3; k++) {
        const top = (src[a + k] as number) * vx + (src[b + k] as number) * wx;
        const bottom = (src[c + k] as number) * vx + (src[d + k] as number) * wx;
        data[o + k] = Math.round(top * vy + bottom * wy);
      }
    }
  }
  return { width, height, data };
}

/**
 * Resizes with half-pixel-centre bilinear sampling (box-prefiltered when shrinking by 2× or more). `prefilter`
 * supplies the box downsample of `image` (a frame's shared createBoxPyramid); the result is the same.
 */
export function resizeBilinear(
  image: RgbImage,
  width: number,
  height: number,
  prefilter: Prefilter = (factor) => boxDownsample(image, factor),
): RgbImage {
  const pre = prefilter(Math.min(image.width / width, image.height / height));
  // Same size: every tap lands on a pixel centre with weight 0, so bilinear would copy (e.g. 1280×720 → 640×360).
  if (pre.width !== width || pre.height !== height) return bilinear(pre, width, height);
  return pre === image ? { width, height, data: new Uint8Array(image.data) } : pre;
}

/** Copies a pixel rectangle out of the image; parts outside the image are black. */
export function cropPixels(image: RgbImage, x0: number, y0: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const left = Math.max(0, x0);
  const right = Math.min(image.width, x0 + width);
  if (right > left) {
    for (let y = Math.max(0, -y0); y < Math.min(height, image.height - y0); y++) {
      const s = ((y0 + y) * image.width + left) * 3;
      data.set(image.data.subarray(s, s + (right - left) * 3), (y * width + (left - x0)) * 3);
    }
  }
  return { width, height, data };
}

export interface Letterboxed {
  image: RgbImage;
  /** model-input pixels per source pixel; source = input / scale (padding is at the right/bottom). */
  scale: number;
}

/**
 * Fits the image inside width×height keeping its aspect ratio, padding the right/bottom with black; with
 * `pad` false the padding is left to the caller (imageToTensor's canvas) and only the resized image returned.
 */
export function letterbox(
  image: RgbImage,
  width: number,
  height: number,
  pad = true,
  prefilter?: Prefilter,
): Letterboxed {
  const scale = Math.min(width / image.width, height / image.height);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const resized = resizeBilinear(image, w, h, prefilter);
  return { image: pad ? padToSize(resized, width, height) : resized, scale };
}

/** Places the image at the top-left of a black width×height canvas. */
export function padToSize(image: RgbImage, width: number, height: number): RgbImage {
  if (image.width === width && image.height === height) return image;
  return cropPixels(image, 0, 0, width, height);
}

export function flipHorizontal(image: RgbImage): RgbImage {
  const data = new Uint8Array(image.data.length);
  const src = image.data;
  const stride = image.width * 3;
  for (let y = 0; y < image.height; y++) {
    const row = y * stride;
    for (let x = 0; x < image.width; x++) {
      const s = row + x * 3;
      const d = row + (image.width - 1 - x) * 3;
      data[d] = src[s] as number;
      data[d + 1] = src[s + 1] as number;
      data[d + 2] = src[s + 2] as number;
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

/** value = (raw·scale − mean[c]) / std[c] for every byte value, per output channel. */
function normalisationTables(spec: TensorLayout, channels: number): Float64Array[] {
  const { scale, mean, std } = spec.normalisation;
  const tables: Float64Array[] = [];
  for (let c = 0; c < channels; c++) {
    const m = mean[c] ?? mean[0] ?? 0;
    const s = std[c] ?? std[0] ?? 1;
    const table = new Float64Array(256);
    for (let v = 0; v < 256; v++) table[v] = (v * scale - m) / s;
    tables.push(table);
  }
  return tables;
}

/**
 * Converts an image into a float tensor (batch 1) as a model manifest describes its input. With `canvas`,
 * the image sits at the top-left of a larger black canvas (letterbox padding) written straight into the tensor.
 */
export function imageToTensor(
  image: RgbImage,
  spec: TensorLayout,
  canvas: { width: number; height: number } = image,
  into?: (length: number) => Float32Array,
): Float32Array {
  const channels = spec.colorOrder === "GRAY" ? 1 : 3;
  const cw = canvas.width;
  const plane = cw * canvas.height;
  // Every value is written below (padding, then pixels), so a reused buffer needs no clearing.
  const out = into ? into(plane * channels) : new Float32Array(plane * channels);
  const tables = normalisationTables(spec, channels);
  // Padding is a black pixel: the normalised value of 0 in every channel.
  if (spec.layout === "NCHW")
    for (let c = 0; c < channels; c++) out.fill(tables[c]?.[0] ?? 0, c * plane, (c + 1) * plane);
  else for (let c = 0; c < channels; c++) for (let p = c; p < out.length; p += channels) out[p] = tables[c]?.[0] ?? 0;
  const w = Math.min(image.width, cw);
  const h = Math.min(image.height, canvas.height);
  if (channels === 1) writeGray(image, spec, w, h, cw, out);
  else writeColour(image, spec, tables as [Float64Array, Float64Array, Float64Array], w, h, cw, out);
  return out;
}

function writeGray(image: RgbImage, spec: TensorLayout, w: number, h: number, cw: number, out: Float32Array): void {
  const { scale, mean, std } = spec.normalisation;
  const m = mean[0] ?? 0;
  const s = std[0] ?? 1;
  const [wr, wg, wb] = GRAY_WEIGHTS;
  const src = image.data;
  for (let y = 0; y < h; y++) {
    let i = y * image.width * 3;
    let p = y * cw;
    for (let x = 0; x < w; x++, i += 3, p++) {
      const raw = wr * (src[i] as number) + wg * (src[i + 1] as number) + wb * (src[i + 2] as number);
      out[p] = (raw * scale - m) / s;
    }
  }
}

function writeColour(
  image: RgbImage,
  spec: TensorLayout,
  [t0, t1, t2]: [Float64Array, Float64Array, Float64Array],
  w: number,
  h: number,
  cw: number,
  out: Float32Array,
): void {
  const src = image.data;
  // Source byte offset feeding output channel 0, 1, 2.
  const [o0, o1, o2] = spec.colorOrder === "BGR" ? [2, 1, 0] : [0, 1, 2];
  const plane = out.length / 3;
  const nchw = spec.layout === "NCHW";
  for (let y = 0; y < h; y++) {
    let i = y * image.width * 3;
    let p = y * cw;
    if (nchw) {
      for (let x = 0; x < w; x++, i += 3, p++) {
        out[p] = t0[src[i + o0] as number] as number;
        out[plane + p] = t1[src[i + o1] as number] as number;
        out[2 * plane + p] = t2[src[i + o2] as number] as number;
      }
    } else {
      for (let x = 0, q = p * 3; x < w; x++, i += 3, q += 3) {
        out[q] = t0[src[i + o0] as number] as number;
        out[q + 1] = t1[src[i + o1] as number] as number;
        out[q + 2] = t2[src[i + o2] as number] as number;
      }
    }
  }
}
