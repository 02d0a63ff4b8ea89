import { isInstalled } from "../registry/resolve-model.js";

/**
 * P(angry ∪ disgust ∪ contempt) at or above which the agent raises a dissatisfaction incident.
 * PLACEHOLDER until measured (see eval report).
 */
export const DEFAULT_DISSATISFIED_THRESHOLD = 0.5;

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

/** Best measured combination once `hailong models fetch` has installed the opencv_zoo models. */
export const DOWNLOADED_MODEL_CHOICE: ModelChoice = {
  detector: "yunet-2023mar",
  expression: ["fer-mobilefacenet-int8"],
  flipTta: false,
};

export async function chooseDefaultModels(modelsDir?: string): Promise<ModelChoice> {
  const ready =
    (await isInstalled("yunet-2023mar", modelsDir)) && (await isInstalled("fer-mobilefacenet-int8", modelsDir));
  return ready ? DOWNLOADED_MODEL_CHOICE : OFFLINE_MODEL_CHOICE;
}
