import { isInstalled } from "../registry/resolve-model.js";

/**
 * P(angry ∪ disgust ∪ contempt) at or above which the agent raises a dissatisfaction incident.
 * 0.4 is at or next to the best F1 for both default model sets on FER2013-dev (2825 crops, 419 dissatisfied,
 * `scripts/eval/measure-grid.ts`, 2026-11-22): YuNet-set ensemble P 0.717 / R 0.525 / F1 0.606 (best F1 0.628
 * at 0.3 with P 0.644); offline mini-Xception P 0.642 / R 0.592 / F1 0.616 (best 0.616). On the 17 wild photos
 * (4 dissatisfied) the YuNet ensemble gives P 0.60 / R 0.75 at 0.4, and on CK+ first/last frames (6) P 1.0 /
 * R 0.67 for every threshold 0.2–0.7. We take the more precise of the near-best points: each incident is an SMS.
 */
export const DEFAULT_DISSATISFIED_THRESHOLD = 0.4;

export interface ModelChoice {
  detector: string;
  expression: string[];
  flipTta: boolean;
}

/** npm-only fallback: everything converts from packages already in node_modules, nothing to download. */
export const OFFLINE_MODEL_CHOICE: ModelChoice = {
  detector: "blazeface-front",
  expression: ["emotion-minixception"],
  flipTta: false,
};

/**
 * Best measured combination once `hailong models fetch` has installed the opencv_zoo models: the
 * MobileFaceNet + mini-Xception ensemble. Accuracy (scripts/eval/measure-grid.ts, YuNet detector):
 * wild 13/17 vs 11/17 (MobileFaceNet) and 8/17 (mini-Xception); CK+ first/last frames 25/28 vs 24/28 and
 * 22/28; FER2013-dev crops 60.5 % vs 49.6 % and 65.8 % (mini-Xception is trained on FER2013, so in-domain there).
 * Flip TTA doubles the cost for +0.8 pt on FER2013-dev and nothing on wild/CK+, so it stays off.
 */
export const DOWNLOADED_MODEL_CHOICE: ModelChoice = {
  detector: "yunet-2023mar",
  expression: ["fer-mobilefacenet-int8", "emotion-minixception"],
  flipTta: false,
};

export async function chooseDefaultModels(modelsDir?: string): Promise<ModelChoice> {
  const ready =
    (await isInstalled("yunet-2023mar", modelsDir)) && (await isInstalled("fer-mobilefacenet-int8", modelsDir));
  return ready ? DOWNLOADED_MODEL_CHOICE : OFFLINE_MODEL_CHOICE;
}
