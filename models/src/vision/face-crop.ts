import type { Box, DetectedFace, Point, RgbImage } from "../types.js";
import { cropPixels, resizeBilinear } from "./image-ops.js";
import { type Affine, estimateSimilarity, FIVE_POINT_TEMPLATE_112, warpAffine } from "./similarity-transform.js";

/** Square box around the face's centre, side = max(w, h)·margin. */
export function squareAround(box: Box, margin: number): Box {
  const side = Math.max(box.width, box.height) * margin;
  return { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side };
}

/**
 * Where a FER2013-style face square sits relative to a detector's box: its centre offset by dx·width and
 * dy·height from the box centre, its side = side·width. FER2013-trained models (mini-Xception, the heads) learned
 * from tightly framed 48×48 faces; a crop framed differently costs accuracy (see the detectors' constants).
 */
export interface SquareFraming {
  dx: number;
  dy: number;
  side: number;
}

export function framedSquare(box: Box, framing: SquareFraming): Box {
  const side = box.width * framing.side;
  const cx = box.x + box.width / 2 + framing.dx * box.width;
  const cy = box.y + box.height / 2 + framing.dy * box.height;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/** Crops `box` (may extend past the edges: black fill) and resizes it to width×height. */
export function cropAndResize(image: RgbImage, box: Box, width: number, height: number): RgbImage {
  const w = Math.max(1, Math.round(box.width));
  const h = Math.max(1, Math.round(box.height));
  return resizeBilinear(cropPixels(image, Math.round(box.x), Math.round(box.y), w, h), width, height);
}

/**
 * Five landmarks as fractions of a square, tightly cropped face (FER2013-style), used when a face comes
 * without landmarks (pre-cropped images): the "fixed central alignment". For reference, YuNet on the 17 wild
 * dev photos puts them at (0.27, 0.36), (0.72, 0.36), (0.49, 0.58), (0.31, 0.75), (0.69, 0.74) of its own,
 * taller (~1.3:1) box; a square crop of the same face shifts them slightly down and inwards.
 */
export const TYPICAL_LANDMARKS_IN_BOX: readonly Point[] = [
  { x: 0.31, y: 0.4 },
  { x: 0.69, y: 0.4 },
  { x: 0.5, y: 0.6 },
  { x: 0.35, y: 0.79 },
  { x: 0.65, y: 0.79 },
];

export function typicalLandmarks(box: Box): [Point, Point, Point, Point, Point] {
  return TYPICAL_LANDMARKS_IN_BOX.map((p) => ({ x: box.x + p.x * box.width, y: box.y + p.y * box.height })) as [
    Point,
    Point,
    Point,
    Point,
    Point,
  ];
}

/** 5-point similarity alignment to the 112×112 MobileFaceNet/ArcFace template. */
export function alignFace112(image: RgbImage, face: DetectedFace): RgbImage {
  const landmarks = face.landmarks ?? typicalLandmarks(face.box);
  const m: Affine = estimateSimilarity(landmarks, FIVE_POINT_TEMPLATE_112);
  return warpAffine(image, m, 112, 112);
}
