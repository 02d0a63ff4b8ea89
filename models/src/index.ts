import type { FaceAnalyzerOptions, FaceDetectorOptions, LoadedFaceAnalyzer } from "./analyzer/create-face-analyzer.js";
import type { FaceDetector } from "./analyzer/face-detector.js";
import type { RgbImage } from "./types.js";

export type {
  FaceAnalyzerOptions,
  FaceDetectorOptions,
  LoadedFaceAnalyzer,
} from "./analyzer/create-face-analyzer.js";
export {
  chooseDefaultModels,
  DEFAULT_DISSATISFIED_THRESHOLD,
  DEFAULT_MAX_BATCH,
  DOWNLOADED_MODEL_CHOICE,
  type ModelChoice,
  OFFLINE_MODEL_CHOICE,
} from "./analyzer/defaults.js";
export type { FaceDetector } from "./analyzer/face-detector.js";
export { largestFace } from "./analyzer/face-detector.js";
export { averageProbabilities, dissatisfiedProbability, topLabel } from "./expression/probabilities.js";
export * from "./manifest.js";
export { DOWNLOADABLE_MODELS } from "./registry/catalogue.js";
export { type FetchedModel, type FetchModelsOptions, fetchModels } from "./registry/fetch-models.js";
export { isInstalled, type ResolvedModel, resolveModel } from "./registry/resolve-model.js";
export * from "./types.js";
/** Intersection over union of two boxes (pure; nms.ts has type-only imports, so this stays cheap). */
export { intersectionOverUnion as iou } from "./vision/nms.js";

/** Loads the detector and expression model(s) into ONNX sessions. onnxruntime-node and sharp are imported
 * only here, on first use, so importing this package for its types and schemas stays cheap. */
export async function createFaceAnalyzer(options: FaceAnalyzerOptions): Promise<LoadedFaceAnalyzer> {
  const { createFaceAnalyzer: create } = await import("./analyzer/create-face-analyzer.js");
  return create(options);
}

/** Loads one face detector with its own score threshold (onnxruntime-node imported on first use). */
export async function loadFaceDetector(id: string, options?: FaceDetectorOptions): Promise<FaceDetector> {
  const { loadFaceDetector: load } = await import("./analyzer/create-face-analyzer.js");
  return load(id, options);
}

/** Decodes a JPEG/PNG file or buffer to RGB (sharp, loaded on first use). */
export async function decodeImage(input: string | Uint8Array): Promise<RgbImage> {
  const { decodeImage: decode } = await import("./runtime/decode-image.js");
  return decode(input);
}

/** A small face crop placed, upscaled, on a 640×480 grey frame as JPEG (what `hailong eval --on-frame` sees). */
export async function placeOnFrame(input: string | Uint8Array): Promise<Buffer> {
  const { placeOnFrame: place } = await import("./runtime/on-frame.js");
  return place(input);
}
