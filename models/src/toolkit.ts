/**
 * The runtime's building blocks for the model lab (@hailong/model-lab: conversion, evaluation, benches, head
 * training). Unlike the package root, this entry imports onnxruntime-node and sharp eagerly; the agent never
 * imports it.
 */
export {
  createExpressionClassifier,
  type ExpressionClassifier,
  type FaceTarget,
  facePatch,
  wholeImageTarget,
} from "./analyzer/expression-classifier.js";
export * from "./convert/index.js";
export { createFeatureExtractor } from "./head/feature-extractor.js";
export { type HeadManifest, HeadManifestSchema } from "./head/head-manifest.js";
export {
  CONVERTED_MODEL_IDS,
  DOWNLOADABLE_ASSETS,
  DOWNLOADABLE_MODELS,
  type DownloadableAsset,
  FACE_LANDMARKER_ID,
  FACE_LANDMARKER_TASK,
} from "./registry/catalogue.js";
export { defaultModelsDir, downloadedDir, generatedDir, headsDir, labDir } from "./registry/paths.js";
export { readIfExists, sha256Hex, writeAtomically } from "./runtime/files.js";
export { ON_FRAME } from "./runtime/on-frame.js";
export {
  createOnnxSession,
  type OnnxSession,
  type OnnxSessionOptions,
  type TensorData,
} from "./runtime/onnx-session.js";
export { readableImageSuffixes } from "./runtime/readable-image-suffixes.js";
export { squareAround } from "./vision/face-crop.js";
export {
  cropPixels,
  flipHorizontal,
  imageToTensor,
  resizeBilinear,
  type TensorLayout,
} from "./vision/image-ops.js";
