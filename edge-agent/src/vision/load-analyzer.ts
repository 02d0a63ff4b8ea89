import type { FaceAnalyzer } from "@hailong/models";
import type { AgentConfig } from "../config/schema.js";

export interface ResolvedModels {
  detector: string;
  expression: string[];
  flipTta: boolean;
  threads: number;
  maxBatch?: number;
}

/** The agent config's models section; callers outside the config (benches) may leave maxBatch to its default. */
type ModelsConfig = Omit<AgentConfig["models"], "maxBatch"> & Partial<Pick<AgentConfig["models"], "maxBatch">>;

/** Resolves "auto" in the agent's model config (YuNet + MobileFaceNet when fetched, else the npm models). */
export async function resolveModelConfig(models: ModelsConfig): Promise<ResolvedModels> {
  const { chooseDefaultModels } = await import("@hailong/models");
  const auto = await chooseDefaultModels();
  return {
    detector: models.detector === "auto" ? auto.detector : models.detector,
    expression: models.expression === "auto" ? auto.expression : [models.expression].flat(),
    flipTta: models.flipTta,
    threads: models.threads,
    maxBatch: models.maxBatch,
  };
}

/** The one FaceAnalyzer a process shares across its counters (onnxruntime loads on this call, not on import). */
export async function loadFaceAnalyzer(models: ModelsConfig): Promise<FaceAnalyzer> {
  const { createFaceAnalyzer } = await import("@hailong/models");
  const resolved = await resolveModelConfig(models);
  return createFaceAnalyzer(resolved);
}
