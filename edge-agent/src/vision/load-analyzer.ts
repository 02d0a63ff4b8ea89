import { HailongError } from "@hailong/common";
import type { FaceAnalyzer } from "@hailong/models";
import type { AgentConfig } from "../config/schema.js";

interface ModelChoice {
  detector: string;
  expression: string[];
  flipTta: boolean;
}

interface ModelsFactory {
  createFaceAnalyzer(options: {
    detector: string;
    expression: string | readonly string[];
    flipTta?: boolean;
    threads?: number;
    modelsDir?: string;
  }): Promise<FaceAnalyzer>;
  chooseDefaultModels(modelsDir?: string): Promise<ModelChoice>;
}

/**
 * @hailong/models' factory, loaded lazily (it pulls in onnxruntime-node). Until the models package index
 * exports it, fall back to its module path (a variable specifier so this type-checks either way).
 */
async function loadModelsFactory(): Promise<ModelsFactory> {
  const index = (await import("@hailong/models")) as unknown as Partial<ModelsFactory>;
  if (index.createFaceAnalyzer && index.chooseDefaultModels) return index as ModelsFactory;
  const analyzerPath = "../../../models/src/analyzer/create-face-analyzer.js";
  const defaultsPath = "../../../models/src/analyzer/defaults.js";
  const [analyzer, defaults] = (await Promise.all([import(analyzerPath), import(defaultsPath)])) as [
    Pick<ModelsFactory, "createFaceAnalyzer">,
    Pick<ModelsFactory, "chooseDefaultModels">,
  ];
  if (!analyzer.createFaceAnalyzer || !defaults.chooseDefaultModels) {
    throw new HailongError("HAILONG_ERR_MODEL", "@hailong/models does not provide createFaceAnalyzer");
  }
  return { createFaceAnalyzer: analyzer.createFaceAnalyzer, chooseDefaultModels: defaults.chooseDefaultModels };
}

export interface ResolvedModels {
  detector: string;
  expression: string[];
  flipTta: boolean;
  threads: number;
}

/** Resolves "auto" in the agent's model config (YuNet + MobileFaceNet when fetched, else the npm models). */
export async function resolveModelConfig(models: AgentConfig["models"]): Promise<ResolvedModels> {
  const factory = await loadModelsFactory();
  const auto = await factory.chooseDefaultModels();
  const expression = models.expression === "auto" ? auto.expression : [models.expression].flat();
  return {
    detector: models.detector === "auto" ? auto.detector : models.detector,
    expression,
    flipTta: models.flipTta,
    threads: models.threads,
  };
}

/** The one FaceAnalyzer a process shares across its counters. */
export async function loadFaceAnalyzer(models: AgentConfig["models"]): Promise<FaceAnalyzer> {
  const factory = await loadModelsFactory();
  const resolved = await resolveModelConfig(models);
  return factory.createFaceAnalyzer({
    detector: resolved.detector,
    expression: resolved.expression,
    flipTta: resolved.flipTta,
    threads: resolved.threads,
  });
}
