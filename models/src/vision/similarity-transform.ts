import type { Point, RgbImage } from "../types.js";
import { boxDownsample, type PixelRect } from "./image-ops.js";

/** Row-major 2×3 affine matrix [a, b, tx, c, d, ty]: x' = a·x + b·y + tx, y' = c·x + d·y + ty. */
export type Affine = [number, number, number, number, number, number];

/** ArcFace/MobileFaceNet 112×112 template in YuNet landmark order. */
export const FIVE_POINT_TEMPLATE_112: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

/** Least-squares similarity transform src→dst (Umeyama 1991, rotation + uniform scale + translation, no reflection). */
export function estimateSimilarity(src: readonly Point[], dst: readonly Point[]): Affine {
  const n = src.length;
  if (n !== dst.length || n < 2) throw new Error("estimateSimilarity needs ≥2 matching points");
  const mean = (pts: readonly Point[]): Point => ({
    x: pts.reduce((s, p) => s + p.x, 0) / n,
    y: pts.reduce((s, p) => s + p.y, 0) / n,
  });
  const ms = mean(src);
  const md = mean(dst);
  // With centred points, the optimal similarity in 2-D reduces to complex least squares: z_dst ≈ (a + ib)·z_src.
  let dot = 0;
  let cross = 0;
  let varSrc = 0;
  for (let i = 0; i < n; i++) {
    const sx = (src[i] as Point).x - ms.x;
    const sy = (src[i] as Point).y - ms.y;
    const dx = (dst[i] as Point).x - md.x;
    const dy = (dst[i] as Point).y - md.y;
    dot += sx * dx + sy * dy;
    cross += sx * dy - sy * dx;
    varSrc += sx * sx + sy * sy;
  }
  if (varSrc === 0) throw new Error("estimateSimilarity: source points coincide");
  const a = dot / varSrc;
  const b = cross / varSrc;
  return [a, -b, md.x - (a * ms.x - b * ms.y), b, a, md.y - (b * ms.x + a * ms.y)];
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m[0] * p.x + m[1] * p.y + m[2], y: m[3] * p.x + m[4] * p.y + m[5] };
}

export function invertAffine(m: Affine): Affine {
  const det = m[0] * m[4] - m[1] * m[3];
  if (det === 0) throw new Error("invertAffine: singular matrix");
  const a = m[4] / det;
  const b = -m[1] / det;
  const c = -m[3] / det;
  const d = m[0] / det;
  return [a, b, -(a * m[2] + b * m[5]), c, d, -(c * m[2] + d * m[5])];
}

/** Warps the image by `m` (source→output pixel coordinates) into width×height with bilinear sampling, black outside. */
export function warpAffine(image: RgbImage, m: Affine, width: number, height: number): RgbImage {
  // Shrinking by 2× or more aliases under plain bilinear sampling: box-downsample the source first.
  const scale = Math.sqrt(Math.abs(m[0] * m[4] - m[1] * m[3]));
  const factor = Math.max(1, scale > 0 ? Math.floor(1 / scale) : 1);
  // A downsampled pixel centre (u+0.5) sits at source (u+0.5)·f: compose the original warp with that mapping.
  const off = (factor - 1) / 2;
  const matrix: Affine =
    factor >= 2
      ? [
          m[0] * factor,
          m[1] * factor,
          m[2] + (m[0] + m[1]) * off,
          m[3] * factor,
          m[4] * factor,
          m[5] + (m[3] + m[4]) * off,
        ]
      : m;
  const inv = invertAffine(matrix);
  // Only the part of the (downsampled) source that the output reads is prepared: the face, not the frame.
  const region = sampledRegion(inv, width, height);
  const src = boxDownsample(image, factor, region);
  return sampleAffine(src, inv, Math.max(0, region.x0), Math.max(0, region.y0), width, height);
}

/** Pixel rectangle holding every bilinear tap of a width×height output under `inv` (output→source). */
function sampledRegion(inv: Affine, width: number, height: number): PixelRect {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [0, 0],
    [width - 1, 0],
    [0, height - 1],
    [width - 1, height - 1],
  ] as const) {
    const p = applyAffine(inv, { x, y });
    xs.push(p.x);
    ys.push(p.y);
  }
  return {
    x0: Math.floor(Math.min(...xs)),
    y0: Math.floor(Math.min(...ys)),
    x1: Math.floor(Math.max(...xs)) + 2,
    y1: Math.floor(Math.max(...ys)) + 2,
  };
}

/**
 * Bilinear sampling of `src` (whose pixel (0, 0) is source pixel (ox, oy)) at inv·(x, y) for every output
 * pixel, reading 0 outside: the arithmetic of sampleBilinear, inlined for the 112×112 per-face warp.
 */
function sampleAffine(src: RgbImage, inv: Affine, ox: number, oy: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const { data: s, width: sw, height: sh } = src;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // applyAffine, inlined; the same floor/fraction as sampling the full image, then shifted into the region.
      const px = inv[0] * x + inv[1] * y + inv[2];
      const py = inv[3] * x + inv[4] * y + inv[5];
      const gx = Math.floor(px);
      const gy = Math.floor(py);
      const fx = px - gx;
      const fy = py - gy;
      const x0 = gx - ox;
      const y0 = gy - oy;
      const x0in = x0 >= 0 && x0 < sw;
      const x1in = x0 + 1 >= 0 && x0 + 1 < sw;
      const y0in = y0 >= 0 && y0 < sh;
      const y1in = y0 + 1 >= 0 && y0 + 1 < sh;
      const t = (y0 * sw + x0) * 3;
      const b = t + sw * 3;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = y0in
          ? (x0in ? (s[t + c] as number) * (1 - fx) : 0) + (x1in ? (s[t + 3 + c] as number) * fx : 0)
          : 0;
        const bottom = y1in
          ? (x0in ? (s[b + c] as number) * (1 - fx) : 0) + (x1in ? (s[b + 3 + c] as number) * fx : 0)
          : 0;
        data[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data };
}
