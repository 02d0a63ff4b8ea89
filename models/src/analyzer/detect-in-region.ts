import type { Box, DetectedFace, FaceSizeHint, RgbImage } from "../types.js";
import { cropPixels } from "../vision/image-ops.js";
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
 * The scale a search should not exceed, from what is known of the faces' size (undefined: the detector's own
 * fit). Around a tracked face: the face made TRACKED_FACE_PX tall, never enlarged. For the smallest face that
 * counts: that face made the detector's sure size, so a large ROI is not searched at more detail than its
 * smallest counted face needs, and a small one not enlarged past it.
 */
export function searchScale(detector: FaceDetector, size: FaceSizeHint | undefined): number | undefined {
  if (!size) return undefined;
  if ("tracked" in size) return Math.min(1, TRACKED_FACE_PX / size.tracked);
  return detector.sureFacePx === undefined ? undefined : detector.sureFacePx / size.smallest;
}

/**
 * Runs the detector on one region of the frame (a counter's ROI with a margin) and returns faces in frame
 * pixels: the detector's pyramid and tiles then work on the pixels where citizens can be, at the scale `size`
 * allows (searchScale).
 */
export async function detectInRegion(
  detector: FaceDetector,
  image: RgbImage,
  region?: Box,
  size?: FaceSizeHint,
): Promise<DetectedFace[]> {
  const rect = region ? detectionRect(image, region) : undefined;
  if (rect?.width === 0) return [];
  const target = rect ? cropPixels(image, rect.x, rect.y, rect.width, rect.height) : image;
  const scale = searchScale(detector, size);
  const options = scale === undefined ? undefined : { maxScale: scale };
  const faces = await detector.detect(target, options);
  return rect ? faces.map((face) => mapFace(face, 1, rect.x, rect.y, image)) : faces;
}
