export { createHumanRunner } from "./bench/human-runner.js";
export { type HumanWasm, loadHumanWasm, type TfGraphModel, type TfTensor } from "./bench/human-wasm.js";
export { buildCkplusTree } from "./eval/ckplus-tree.js";
export {
  assignFolds,
  crossValidatedScores,
  type DetectorFigures,
  type FaceRow,
  figures,
} from "./eval/cross-validate.js";
export { globToRegExp, type LabelledImage, listLabelledImages } from "./eval/dataset.js";
export {
  binaryDissatisfiedMetrics,
  computeEvalMetrics,
  type EvalMetrics,
  type EvalRecord,
  isDissatisfiedLabel,
  recallAtPrecision,
  rocAuc,
} from "./eval/metrics.js";
export {
  createFaceLandmarker,
  type FaceLandmarker,
  type FaceLandmarkerOptions,
  type FaceMeshResult,
} from "./landmarker/face-landmarker.js";
export type { Blendshapes } from "./landmarker/landmarker-geometry.js";
export { BLENDSHAPE_NAMES, type BlendshapeName } from "./landmarker/mediapipe-constants.js";
