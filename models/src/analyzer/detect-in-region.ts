import type { Box, DetectedFace, RgbImage } from "../types.js";
import { cropPixels, resizeBilinear } from "../vision/image-ops.js";
import { type FaceDetector, mapFace } from "./face-detector.js";

/**
 * How tall a tracked face is made before the search around it: large enough for the detectors' boxes and
 * landmarks (YuNet and BlazeFace-front both find faces of this size surely), small enough that the search costs
 * a fraction of a whole-frame one.
 */
export const TRACKED_FACE_PX = 112;

/** A region covering at least this share of the frame is searched as the whole frame (cropping would save little). */
const WHOLE_FRAME_SHARE = 0.9;

/** The region in whole pixels, clipped to the image; undefined when it is (nearly) the whole image. */
export function detectionRect(image: { width: number; height: number }, region: Box): Box | undefined {
  const x = Math.max(0, Math.floor(region.x));
  const y = Math.max(0, Math.floor(region.y));
  const width = Math.min(image.width, Math.ceil(region.x + region.width)) - x;
  const height = Math.min(image.height, Math.ceil(region.y + region.height)) - y;
  if (width <= 0 || height <= 0) return { x: 0, y: 0, width: 0, height: 0 };
  return width * height >= WHOLE_FRAME_SHARE * image.width * image.height ? undefined : { x, y, width, height };
}

/**
 * Runs the detector on one region of the frame (a counter's ROI with a margin) and returns faces in frame
 * pixels: the detector's pyramid and tiles then work on the pixels where citizens can be, at their full detail.
 */
export async function detectInRegion(
  detector: FaceDetector,
  image: RgbImage,
  region?: Box,
  faceHeight?: number,
): Promise<DetectedFace[]> {
  const rect = region ? detectionRect(image, region) : undefined;
  if (!rect) return detector.detect(image);
  if (rect.width === 0) return [];
  const crop = cropPixels(image, rect.x, rect.y, rect.width, rect.height);
  const shrink = faceHeight ? TRACKED_FACE_PX / faceHeight : 1;
  if (shrink >= 0.8) return (await detector.detect(crop)).map((face) => mapFace(face, 1, rect.x, rect.y, image));
  // Around a tracked face of known size: search the region scaled so that face is TRACKED_FACE_PX tall, and
  // never enlarged back to the model's input (YuNet's 640 px input would otherwise cost a whole frame's search).
  const small = resizeBilinear(
    crop,
    Math.max(1, Math.round(crop.width * shrink)),
    Math.max(1, Math.round(crop.height * shrink)),
  );
  const scale = small.width / crop.width;
  return (await detector.detect(small, { maxScale: 1 })).map((face) => mapFace(face, scale, rect.x, rect.y, image));
}
