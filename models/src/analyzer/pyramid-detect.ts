import type { DetectedFace, RgbImage } from "../types.js";
import { letterbox, padToSize } from "../vision/image-ops.js";
import { DETECTION_PYRAMID, scaleFace } from "./face-detector.js";

/** Runs a detector on one model-input canvas (inputWidth×inputHeight) and returns faces in canvas pixels. */
export type DetectCanvas = (canvas: RgbImage) => Promise<DetectedFace[]>;

/**
 * Shrink-and-retry: for each DETECTION_PYRAMID fill, letterboxes the image into fill × the model input,
 * pads it (top-left) to the full input, runs `detectCanvas` and maps the faces back to image pixels;
 * returns the faces of the first fill that finds any, or [] when none does.
 */
export async function detectWithPyramid(
  image: RgbImage,
  inputWidth: number,
  inputHeight: number,
  detectCanvas: DetectCanvas,
): Promise<DetectedFace[]> {
  for (const fill of DETECTION_PYRAMID) {
    const boxed = letterbox(image, Math.round(inputWidth * fill), Math.round(inputHeight * fill));
    const canvas = fill === 1 ? boxed.image : padToSize(boxed.image, inputWidth, inputHeight);
    const faces = (await detectCanvas(canvas)).map((f) => scaleFace(f, boxed.scale, image));
    if (faces.length > 0) return faces;
  }
  return [];
}
