import { DEFAULT_COUNTER_TUNING } from "@hailong/protocol";
import { isInstalled } from "../registry/resolve-model.js";

/**
 * P(angry ∪ disgust ∪ contempt) at or above which the agent raises a dissatisfaction incident.
 * 0.4 is at or next to the best F1 for both default model sets on FER2013-dev (2825 crops, 419 dissatisfied,
 * `scripts/eval/measure-grid.ts`, 2026-11-22): YuNet-set ensemble P 0.717 / R 0.525 / F1 0.606 (best F1 0.628
 * at 0.3 with P 0.644); offline mini-Xception P 0.642 / R 0.592 / F1 0.616 (best 0.616). On the 17 wild photos
 * (4 dissatisfied) the YuNet ensemble gives P 0.60 / R 0.75 at 0.4, and on CK+ first/last frames (6) P 1.0 /
 * R 0.67 for every threshold 0.2–0.7. We take the more precise of the near-best points: each incident is an SMS.
 * The value lives in protocol's DEFAULT_COUNTER_TUNING so the agent, the hub and the installer panel share it.
 */
export const DEFAULT_DISSATISFIED_THRESHOLD = DEFAULT_COUNTER_TUNING.dissatisfiedThreshold;

export interface ModelChoice {
  detector: string;
  expression: string[];
  flipTta: boolean;
}

/**
 * npm-only fallback: everything converts from packages already in node_modules, nothing to download.
 * mini-Xception averaged with the committed softmax head over face-api's expression net (its 256-d pooled
 * features + scores; models/heads/, fitted on all 28,261 FER2013 training images by `hailong models
 * train-head`). face-api's net is not fitted to FER2013 (58.8 % on its training split, 58.4 % on dev), so the
 * head learns from honest features. `hailong eval`, BlazeFace-front detector, 2026-11-22: FER2013-dev crops
 * 67.4 % vs 65.8 % for mini-Xception alone; wild 14/17 vs 12/17; CK+ first/last frames 22/28 vs 22/28;
 * dissatisfied at 0.4 on FER2013-dev P 0.697 / R 0.582 / F1 0.635 / AUC 0.905 (vs 0.642 / 0.592 / 0.616 /
 * 0.898). Costs one face-api inference (~1.5 ms) per face.
 */
export const OFFLINE_MODEL_CHOICE: ModelChoice = {
  detector: "blazeface-front",
  expression: ["head-faceapi-expression", "emotion-minixception"],
  flipTta: false,
};

/**
 * Best measured combination once `hailong models fetch` has installed the opencv_zoo models: mini-Xception
 * averaged with the committed softmax head over MobileFaceNet's 512-d embedding + logits and face-api's 256-d
 * pooled features + scores (models/heads/, fitted on all 28,261 FER2013 training images; neither member is
 * fitted to FER2013). `hailong eval`, YuNet detector, 2026-11-22: FER2013-dev crops 67.8 % (vs 67.1 % for the
 * previous head over MobileFaceNet alone, 60.5 % for the plain MobileFaceNet + mini-Xception average);
 * dissatisfied at 0.4 P 0.699 / R 0.594 / F1 0.643 / AUC 0.908 (vs 0.675 / 0.594 / 0.632 / 0.896); wild 12/17
 * (vs 13/17) and CK+ first/last frames 23/28 (vs 24/28) — one image each on the small sets against 0.7 pt
 * and +0.012 AUC on 2,825 images. Flip TTA stays off (doubles cost for +0.8 pt on FER2013-dev only).
 * YuNet over BlazeFace: it finds the smaller and turned faces BlazeFace-front misses (all three people of
 * face-api's sample2 vs one) and gives the landmarks MobileFaceNet's alignment needs.
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
