import type { Box, DetectedFace, RgbImage } from "../types.js";

export interface DetectOptions {
  /** never enlarge the image beyond this scale to fill the model input (1: a small image is searched as it is) */
  maxScale?: number;
}

export interface FaceDetector {
  readonly id: string;
  detect(image: RgbImage, options?: DetectOptions): Promise<DetectedFace[]>;
  /** The square an unaligned, FER2013-style expression model should read for a face this detector boxed:
   * detectors frame faces differently (YuNet's box is taller and looser than BlazeFace's). */
  faceSquare(box: Box): Box;
  /**
   * The smallest face height, in model-input pixels, this detector finds surely (≥ 90 % of real faces, docs/models.md
   * "Detection range"); when known, a region whose smallest counted face is larger is searched at a reduced scale.
   */
  readonly sureFacePx?: number;
  close(): Promise<void>;
}

/** How much of the model input the image fills on each attempt: full size first, then smaller so that
 * close-ups (a face larger than the detector's training range) still fit. */
export const DETECTION_PYRAMID = [1, 0.5, 0.3] as const;

/**
 * Maps a face found in model-input pixels back to source-image pixels: source = offset + input / scale
 * (offset = the top-left of the searched tile; 0 for a letterboxed whole frame), clipped to the image.
 */
export function mapFace(
  face: DetectedFace,
  scale: number,
  offsetX: number,
  offsetY: number,
  image: { width: number; height: number },
): DetectedFace {
  const x = Math.max(0, offsetX + face.box.x / scale);
  const y = Math.max(0, offsetY + face.box.y / scale);
  const right = Math.min(image.width, offsetX + (face.box.x + face.box.width) / scale);
  const bottom = Math.min(image.height, offsetY + (face.box.y + face.box.height) / scale);
  const mapped: DetectedFace = {
    box: { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) },
    score: face.score,
  };
  if (face.landmarks) {
    mapped.landmarks = face.landmarks.map((p) => ({
      x: offsetX + p.x / scale,
      y: offsetY + p.y / scale,
    })) as NonNullable<DetectedFace["landmarks"]>;
  }
  return mapped;
}

/** Largest face by box area, the one a counter camera and the evaluation care about. */
export function largestFace<T extends DetectedFace>(faces: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const face of faces) {
    if (!best || face.box.width * face.box.height > best.box.width * best.box.height) best = face;
  }
  return best;
}
