import type { Point, RgbImage } from "../types.js";
import { boxDownsample, sampleBilinear } from "./image-ops.js";

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
  const factor = scale > 0 ? Math.floor(1 / scale) : 1;
  let src = image;
  let matrix = m;
  if (factor >= 2) {
    src = boxDownsample(image, factor);
    // A downsampled pixel centre (u+0.5) sits at source (u+0.5)·f: compose the original warp with that mapping.
    const off = (factor - 1) / 2;
    matrix = [
      m[0] * factor,
      m[1] * factor,
      m[2] + (m[0] + m[1]) * off,
      m[3] * factor,
      m[4] * factor,
      m[5] + (m[3] + m[4]) * off,
    ];
  }
  const inv = invertAffine(matrix);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = applyAffine(inv, { x, y });
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.round(sampleBilinear(src, s.x, s.y, c));
    }
  }
  return { width, height, data };
}
