import { DEFAULT_COUNTER_TUNING } from "@hailong/protocol";
import { isInstalled } from "../registry/resolve-model.js";

/**
 * P(angry ∪ disgust ∪ contempt) at or above which the agent raises a dissatisfaction incident: the more precise
 * of the near-best-F1 points for both default sets, since each incident is an SMS (figures: docs/models.md,
 * "Why these defaults"). It lives in protocol's DEFAULT_COUNTER_TUNING so the agent, the hub and the installer
 * panel share it.
 */
export const DEFAULT_DISSATISFIED_THRESHOLD = DEFAULT_COUNTER_TUNING.dissatisfiedThreshold;

/**
 * The most faces one classification run takes. Batching the faces of counters ready together saved no CPU in the
 * counters bench (one intra-op thread; 1.0–1.3 faces per run) and grew onnxruntime's memory with every new batch
 * size (docs/performance.md), so each face runs alone unless an agent config asks otherwise.
 */
export const DEFAULT_MAX_BATCH = 1;

export interface ModelChoice {
  detector: string;
  expression: string[];
  flipTta: boolean;
}

/**
 * npm-only fallback: everything converts from packages already in node_modules, nothing to download.
 * mini-Xception averaged with the committed softmax head over face-api's expression net (models/heads/): the
 * head beats mini-Xception alone for one face-api inference per face; face-api's net is not fitted to FER2013,
 * so the head learns from honest features (figures: docs/models.md, "Why these defaults").
 */
export const OFFLINE_MODEL_CHOICE: ModelChoice = {
  detector: "blazeface-front",
  expression: ["head-faceapi-expression", "emotion-minixception"],
  flipTta: false,
};

/**
 * Best measured combination once `hailong models fetch` has installed YuNet, chosen across FER2013 dev, wild, CK+,
 * the TV clip, JAFFE dev and the held-out Taiwanese performers together (docs/accuracy.md, "Defaults"): the model
 * lab's MobileFaceNet (fine-tuned on FER2013-train and 9 Taiwanese performers, committed in models/lab/ with its
 * training record) averaged with the softmax head over face-api's features, mini-Xception and the lab's small
 * residual network trained from scratch (run rs1: the held-out Taiwanese recall at precision 0.90 0.474 -> 0.622,
 * FER2013 dev accuracy 0.689 -> 0.703, for 2.2 ms per face, a quarter of the MobileFaceNet's). YuNet over
 * BlazeFace: it finds the smaller and turned faces BlazeFace-front misses and gives the five landmarks
 * MobileFaceNet's alignment needs. Flip TTA stays off: it doubles the cost for a gain on one dev set only.
 */
export const DOWNLOADED_MODEL_CHOICE: ModelChoice = {
  detector: "yunet-2023mar",
  expression: ["fer-mobilefacenet-lab", "head-faceapi-expression", "emotion-minixception", "fer-resnet-lab"],
  flipTta: false,
};

/** The download set needs only YuNet from `hailong models fetch`; the lab network and the heads are committed. */
export async function chooseDefaultModels(modelsDir?: string): Promise<ModelChoice> {
  return (await isInstalled("yunet-2023mar", modelsDir)) ? DOWNLOADED_MODEL_CHOICE : OFFLINE_MODEL_CHOICE;
}
