import type { DetectedFace, Point } from "../types.js";
import { nonMaxSuppression } from "./nms.js";
import { sigmoid } from "./softmax.js";

/** BlazeFace SSD anchors in input pixels (MediaPipe short-range layout, as @vladmandic/human generates them):
 * strides size/16 and size/8 with 2 and 6 anchors per cell, all centred on their cell → 896 anchors. */
export function blazeFaceAnchors(inputSize: number): Point[] {
  const anchors: Point[] = [];
  const spec = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  for (const { stride, perCell } of spec) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) anchors.push({ x: stride * (gx + 0.5), y: stride * (gy + 0.5) });
      }
    }
  }
  return anchors;
}

export interface BlazeFaceDecodeOptions {
  inputSize: number;
  scoreThreshold: number;
  nmsThreshold: number;
}

/**
 * Decodes BlazeFace raw outputs (coordinates in model-input pixels).
 * `logits[i]` is anchor i's face logit; `regressors[i*16..]` are cx, cy offsets, w, h, then 6 keypoints (x, y)
 * relative to the anchor: eye, eye, nose tip, mouth centre, ear, ear.
 * Landmarks are returned in YuNet order; mouth corners are estimated from the mouth centre and the eye axis
 * (the 112×112 template puts them 0.414 eye-distances either side of the mouth centre).
 */
export function decodeBlazeFace(
  logits: ArrayLike<number>,
  regressors: ArrayLike<number>,
  anchors: readonly Point[],
  options: BlazeFaceDecodeOptions,
): DetectedFace[] {
  const faces: DetectedFace[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const score = sigmoid(Math.max(-100, Math.min(100, logits[i] as number)));
    if (score < options.scoreThreshold) continue;
    const anchor = anchors[i] as Point;
    const r = (k: number): number => regressors[i * 16 + k] as number;
    const cx = anchor.x + r(0);
    const cy = anchor.y + r(1);
    const w = r(2);
    const h = r(3);
    const kp = (k: number): Point => ({ x: anchor.x + r(4 + 2 * k), y: anchor.y + r(5 + 2 * k) });
    faces.push({
      box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h },
      score,
      landmarks: fivePointsFromBlazeFace(kp(0), kp(1), kp(2), kp(3)),
    });
  }
  return nonMaxSuppression(faces, options.nmsThreshold);
}

/** Orders the eyes image-left first (the subject's right eye on a frontal face) and derives mouth corners. */
export function fivePointsFromBlazeFace(
  eyeA: Point,
  eyeB: Point,
  nose: Point,
  mouth: Point,
): [Point, Point, Point, Point, Point] {
  const [right, left] = eyeA.x <= eyeB.x ? [eyeA, eyeB] : [eyeB, eyeA];
  const half = { x: (left.x - right.x) * 0.414, y: (left.y - right.y) * 0.414 };
  return [
    right,
    left,
    nose,
    { x: mouth.x - half.x, y: mouth.y - half.y },
    { x: mouth.x + half.x, y: mouth.y + half.y },
  ];
}
