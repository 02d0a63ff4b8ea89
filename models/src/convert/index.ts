// Keep this barrel free of tfjs: registry/resolve-model imports it lazily on the agent's start path.
export { BLAZEFACE_BACK, BLAZEFACE_FRONT } from "./blazeface-models.js";
export { CONVERTER_VERSION } from "./build-tag.js";
export {
  buildOnnxModel,
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
export { FACE_API_MEAN_RGB } from "./face-api-expression.js";
export { FACEAPI_EXPRESSION } from "./faceapi-expression-model.js";
export { depthwiseToOihw, hwioToOihw, nhwcToNchw, samePadding, validPadding } from "./layout.js";
export type { NpmModelSpec } from "./npm-model-spec.js";
export { findNpmModel, NPM_MODELS } from "./npm-models.js";
export { encodeOnnxModel, OnnxDataType, type OnnxModel } from "./onnx-proto.js";
export {
  halfToFloat,
  type TfAttrValue,
  type TfConstant,
  type TfjsGraphModelJson,
  TfjsGraphModelJsonSchema,
  type TfNode,
  type WeightEntry,
} from "./tfjs-model.js";
