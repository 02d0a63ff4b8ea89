import type { Box, DetectedFace, RgbImage } from "../types.js";
import { cropPixels } from "../vision/image-ops.js";
import { type FaceDetector, mapFace } from "./face-detector.js";

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
export async function detectInRegion(detector: FaceDetector, image: RgbImage, region?: Box): Promise<DetectedFace[]> {
  const rect = region ? detectionRect(image, region) : undefined;
  if (!rect) return detector.detect(image);
  if (rect.width === 0) return [];
  const crop = cropPixels(image, rect.x, rect.y, rect.width, rect.height);
  return (await detector.detect(crop)).map((face) => mapFace(face, 1, rect.x, rect.y, image));
}
