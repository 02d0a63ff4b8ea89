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
 * Best measured combination once `hailong models fetch` has installed the opencv_zoo models: mini-Xception
 * averaged with the committed softmax head over MobileFaceNet's embedding + logits and face-api's pooled
 * features + scores (neither member is fitted to FER2013). Flip TTA stays off: it doubles the cost for a gain on
 * one dev set only. YuNet over BlazeFace: it finds the smaller and turned faces BlazeFace-front misses and gives
 * the landmarks MobileFaceNet's alignment needs (figures: docs/models.md, "Why these defaults").
 */
export const DOWNLOADED_MODEL_CHOICE: ModelChoice = {
  detector: "yunet-2023mar",
  expression: ["head-fer-mobilefacenet-int8_faceapi-expression", "emotion-minixception"],
  flipTta: false,
};

export async function chooseDefaultModels(modelsDir?: string): Promise<ModelChoice> {
  const ready =
    (await isInstalled("yunet-2023mar", modelsDir)) && (await isInstalled("fer-mobilefacenet-int8", modelsDir));
  return ready ? DOWNLOADED_MODEL_CHOICE : OFFLINE_MODEL_CHOICE;
}
