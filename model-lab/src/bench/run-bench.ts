import { existsSync } from "node:fs";
import path from "node:path";
import { createLogger } from "@hailong/common";
import { isInstalled } from "@hailong/models";
import {
  CONVERTED_MODEL_IDS,
  DOWNLOADABLE_MODELS,
  defaultModelsDir,
  downloadedDir,
  FACE_LANDMARKER_ID,
  FACE_LANDMARKER_TASK,
} from "@hailong/models/toolkit";
import { defaultBenchImage } from "./bench-input.js";
import { benchFaceLandmarker } from "./bench-landmarker.js";
import { benchModels } from "./bench-models.js";
import type { BenchReport } from "./bench-report.js";

export interface RunBenchOptions {
  /** model ids; empty = every converted npm model plus the installed downloads */
  ids: readonly string[];
  iterations: number;
  threads: readonly number[];
  batches: readonly number[];
  human: boolean;
  image?: string;
  modelsDir?: string;
}

/** The converted npm models plus every downloadable model already installed (and the landmarker once fetched). */
export async function defaultBenchIds(modelsDir?: string): Promise<string[]> {
  const installed: string[] = [];
  for (const m of DOWNLOADABLE_MODELS) if (await isInstalled(m.manifest.id, modelsDir)) installed.push(m.manifest.id);
  const task = path.join(downloadedDir(modelsDir ?? defaultModelsDir()), FACE_LANDMARKER_TASK.file);
  return [...CONVERTED_MODEL_IDS, ...installed, ...(existsSync(task) ? [FACE_LANDMARKER_ID] : [])];
}

/** onnxruntime rows for every model × threads × batch, then (unless disabled) the Human tfjs-wasm comparison. */
export async function runBench(options: RunBenchOptions): Promise<BenchReport> {
  const image = options.image ?? defaultBenchImage();
  const ids = options.ids.length > 0 ? options.ids : await defaultBenchIds(options.modelsDir);
  const rows = await benchModels({
    ids: ids.filter((id) => id !== FACE_LANDMARKER_ID),
    iterations: options.iterations,
    threads: options.threads,
    batches: options.batches,
    image,
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
  });
  if (ids.includes(FACE_LANDMARKER_ID)) {
    const { iterations, threads, modelsDir } = options;
    rows.push(
      ...(await benchFaceLandmarker({
        id: FACE_LANDMARKER_ID,
        image,
        iterations,
        threads,
        ...(modelsDir ? { modelsDir } : {}),
      })),
    );
  }
  const report: BenchReport = { iterations: options.iterations, image, rows };
  if (!options.human) return report;
  try {
    // Imported lazily: loading Human pulls in tfjs and its wasm backend.
    const { benchHuman } = await import("./bench-human.js");
    const human = await benchHuman(image, options.iterations);
    report.rows.push(...human.rows);
    report.human = { environment: human.environment };
  } catch (error) {
    // The onnxruntime figures are still worth printing; the failure is shown in the report and logged.
    createLogger({ name: "bench" }).error({ err: error }, "human comparison failed");
    report.human = { error: error instanceof Error ? error.message : String(error) };
  }
  return report;
}
