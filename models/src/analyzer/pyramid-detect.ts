import type { DetectedFace, RgbImage } from "../types.js";
import { createBoxPyramid, type Prefilter } from "../vision/box-pyramid.js";
import { cropPixels, letterbox, resizeBilinear } from "../vision/image-ops.js";
import { nonMaxSuppression } from "../vision/nms.js";
import { DETECTION_PYRAMID, mapFace } from "./face-detector.js";

/**
 * Runs a detector on one model input and returns faces in model-input pixels. `image` sits at the top-left
 * of the inputWidth×inputHeight input; the rest is black padding (the detector writes it into its tensor).
 */
export type DetectCanvas = (image: RgbImage) => Promise<DetectedFace[]>;

export interface PyramidOptions {
  /**
   * Square-input detectors trained on unpadded square images (BlazeFace) score a mid-size face low when a
   * wide frame is letterboxed into 56 % of the input (a 1080p counter frame: 0.60 vs 0.94 on a square tile).
   * When the fill-1 attempt finds nothing, look at overlapping square tiles of the frame before shrinking.
   */
  squareTiles?: boolean;
  /** IoU above which faces found in two overlapping tiles are one face */
  tileNmsThreshold?: number;
  /**
   * With `squareTiles`: from this aspect ratio (long side / short side) on, search the tiles *before* the
   * letterboxed frame. A 16:9 camera frame letterboxed into a square input fills 56 % of it, and a face at
   * counter distance (a third of the frame high) is then at the edge of BlazeFace's range: missed (wasted
   * work) or found with a loose box (a misframed expression crop). BLAZEFACE_TILES_FIRST_ASPECT has the
   * measurements.
   */
  tilesFirstFromAspect?: number;
  /** never enlarge the image beyond this scale (DetectOptions.maxScale) */
  maxScale?: number;
}

/**
 * Shrink-and-retry: for each DETECTION_PYRAMID fill, letterboxes the image into fill × the model input,
 * runs `detectCanvas` and maps the faces back to image pixels; returns the faces of the first attempt that
 * finds any, or [] when none does. With `squareTiles`, a non-square image is searched tile by tile between
 * the fill-1 attempt and the smaller fills, or before the fill-1 attempt from `tilesFirstFromAspect` on.
 * (Tiles first for every photo would be as cheap for a face and find mid-size faces more surely, but they move
 * boxes by a few pixels on photos fill 1 already handles, and the unaligned expression models are sensitive to
 * that: wild 12 → 10/17, CK+ 22 → 21/28 when measured for every photo; from aspect 1.7 on, only three wild
 * photos and no CK+ frame are affected, and their results did not change.)
 */
export async function detectWithPyramid(
  image: RgbImage,
  inputWidth: number,
  inputHeight: number,
  detectCanvas: DetectCanvas,
  options: PyramidOptions = {},
): Promise<DetectedFace[]> {
  // Every attempt box-downsamples the frame; one pyramid lets later attempts reuse earlier sums.
  const prefilter = createBoxPyramid(image);
  const tiles = async (): Promise<DetectedFace[]> => {
    const tiled = await detectInSquareTiles(image, inputWidth, inputHeight, detectCanvas, prefilter);
    return tiled.length > 0 ? nonMaxSuppression(tiled, options.tileNmsThreshold ?? 0.3) : [];
  };
  const useTiles = options.squareTiles === true && image.width !== image.height;
  const aspect = Math.max(image.width, image.height) / Math.min(image.width, image.height);
  const tilesFirst = useTiles && aspect >= (options.tilesFirstFromAspect ?? Number.POSITIVE_INFINITY);
  if (tilesFirst) {
    const faces = await tiles();
    if (faces.length > 0) return faces;
  }
  // A small image (a search around a tracked face) is not enlarged past maxScale: the input shrinks instead.
  const fit = Math.min(inputWidth / image.width, inputHeight / image.height);
  const cap = options.maxScale !== undefined && fit > options.maxScale ? options.maxScale / fit : 1;
  for (const fill of DETECTION_PYRAMID) {
    const [w, h] = [Math.round(inputWidth * fill * cap), Math.round(inputHeight * fill * cap)];
    const boxed = letterbox(image, Math.max(1, w), Math.max(1, h), false, prefilter);
    const faces = (await detectCanvas(boxed.image)).map((f) => mapFace(f, boxed.scale, 0, 0, image));
    if (faces.length > 0) return faces;
    if (fill === 1 && useTiles && !tilesFirst) {
      const tiled = await tiles();
      if (tiled.length > 0) return tiled;
    }
  }
  return [];
}

/** Left/top offsets of square tiles of side `side` along `length`, evenly spread, adjacent ones overlapping
 * by at least half a tile so that every face up to half the short side lies wholly inside one tile. */
export function squareTileOffsets(length: number, side: number): number[] {
  if (length <= side) return [0];
  const count = 1 + Math.ceil((length - side) / (side / 2));
  return Array.from({ length: count }, (_, i) => Math.round(((length - side) * i) / (count - 1)));
}

async function detectInSquareTiles(
  image: RgbImage,
  inputWidth: number,
  inputHeight: number,
  detectCanvas: DetectCanvas,
  prefilter: Prefilter,
): Promise<DetectedFace[]> {
  const side = Math.min(image.width, image.height);
  // One box-downsample of the whole frame serves every tile (the tiles overlap).
  const factor = Math.max(1, Math.floor(side / Math.max(inputWidth, inputHeight)));
  const pre = prefilter(factor);
  const preSide = Math.floor(side / factor);
  const wide = image.width > image.height;
  const faces: DetectedFace[] = [];
  for (const offset of squareTileOffsets(wide ? pre.width : pre.height, preSide)) {
    const [x, y] = wide ? [offset, 0] : [0, offset];
    const tile = resizeBilinear(cropPixels(pre, x, y, preSide, preSide), inputWidth, inputHeight);
    const scale = inputWidth / (preSide * factor);
    for (const face of await detectCanvas(tile)) faces.push(mapFace(face, scale, x * factor, y * factor, image));
  }
  return faces;
}
