import { FACE_API_MEAN_RGB } from "./face-api-expression.js";
import type { NpmModelSpec } from "./npm-model-spec.js";

/** face-api.js FaceExpressionNet; architecture and preprocessing are documented in face-api-expression.ts. */
export const FACEAPI_EXPRESSION: NpmModelSpec = {
  id: "faceapi-expression",
  kind: "expression",
  packageName: "@vladmandic/face-api",
  modelJson: "model/face_expression_model-weights_manifest.json",
  architecture: "face-api-expression",
  licence: "MIT",
  outputs: [{ onnx: "probabilities", tf: "probabilities" }],
  input: {
    colorOrder: "RGB",
    // (pixel − meanRgb) / 255 = pixel/255 − meanRgb/255.
    normalisation: { scale: 1 / 255, mean: FACE_API_MEAN_RGB.map((m) => m / 255), std: [1, 1, 1] },
    alignment: "none",
  },
  // face-api order: neutral, happy, sad, angry, fearful, disgusted, surprised.
  labels: ["neutral", "happy", "sad", "angry", "fear", "disgust", "surprise"],
  outputActivation: "softmax",
  note:
    "face-api.js FaceExpressionNet (@vladmandic/face-api model/face_expression_model, graph rebuilt from face-api src); " +
    "input: 112x112 RGB face crop (face-api pads to a centred square with zeros, then resizes bilinearly), (pixel - [122.782, 117.001, 104.298]) / 255",
};
