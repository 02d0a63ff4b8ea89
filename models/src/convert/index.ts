// Keep this barrel free of tfjs: registry/resolve-model imports it lazily on the agent's start path.
// The TF.js reference runner (tests only) lives in ./tfjs-reference.js.
export { BLAZEFACE_BACK, BLAZEFACE_FRONT } from "./blazeface-models.js";
export { type ConvertCommandOptions, runConvertCommand } from "./convert-command.js";
export {
  buildOnnxModel,
  CONVERTER_VERSION,
  convertTfjsGraphModel,
  ONNX_OPSET,
  type TfjsConvertOptions,
  type TfjsOutputSpec,
} from "./convert-graph.js";
export { EMOTION_MINIXCEPTION } from "./emotion-model.js";
export {
  convertNpmModel,
  type EnsuredModel,
  ensureConvertedModel,
  ensureConvertedModelDetailed,
  readNpmModelSource,
} from "./ensure-converted.js";
export { FACEAPI_EXPRESSION } from "./faceapi-expression-model.js";
export { depthwiseToOihw, hwioToOihw, nhwcToNchw, samePadding, validPadding } from "./layout.js";
export type { NpmModelSpec } from "./npm-model-spec.js";
export { findNpmModel, NPM_MODELS } from "./npm-models.js";
