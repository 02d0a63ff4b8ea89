import path from "node:path";
import { fileURLToPath } from "node:url";

/** The models package folder (holds generated/ and downloaded/). */
export function defaultModelsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
}

export function downloadedDir(modelsDir: string): string {
  return path.join(modelsDir, "downloaded");
}

export function generatedDir(modelsDir: string): string {
  return path.join(modelsDir, "generated");
}

/** Trained classifier heads (committed: small, reproducible with `hailong models train-head`). */
export function headsDir(modelsDir: string): string {
  return path.join(modelsDir, "heads");
}

/** Expression networks trained by the model lab (committed with the record that produced them; docs/model-lab.md). */
export function labDir(modelsDir: string): string {
  return path.join(modelsDir, "lab");
}
