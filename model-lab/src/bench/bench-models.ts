import { resolveModel } from "@hailong/models";
import { createOnnxSession } from "@hailong/models/toolkit";
import { planBatch } from "./batch-plan.js";
import { batchTensor, loadResized, modelInputSize } from "./bench-input.js";
import type { BenchRow } from "./bench-report.js";
import { summariseTimings } from "./bench-stats.js";
import { timeSamples } from "./time-samples.js";

export interface BenchModelsOptions {
  ids: readonly string[];
  iterations: number;
  threads: readonly number[];
  batches: readonly number[];
  /** photo resized to each model's input (default: face-api's sample1.jpg) */
  image: string;
  modelsDir?: string;
}

/** Times onnxruntime-node inference per model × threads × batch on a real photo. Figures to print, never to assert. */
export async function benchModels(options: BenchModelsOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const id of options.ids) {
    const model = await resolveModel(id, options.modelsDir ? { modelsDir: options.modelsDir } : {});
    const { manifest } = model;
    const { width, height, channels } = modelInputSize(manifest);
    const image = await loadResized(options.image, width, height);
    for (const threads of options.threads) {
      const session = await createOnnxSession(model.path, { threads });
      try {
        for (const batch of options.batches) {
          const plan = planBatch(manifest.input.shape[0], batch);
          const data = batchTensor(image, manifest.input, plan.tensorBatch);
          const dims =
            manifest.input.layout === "NCHW"
              ? [plan.tensorBatch, channels, height, width]
              : [plan.tensorBatch, height, width, channels];
          const feeds = { [manifest.input.name]: { data, dims } };
          const timings = await timeSamples(
            async () => {
              await session.run(feeds);
            },
            plan.callsPerSample,
            options.iterations,
          );
          rows.push({
            runtime: "onnxruntime-node",
            model: id,
            threads,
            batch,
            batchLabel: plan.label,
            tensorBatch: plan.tensorBatch,
            callsPerSample: plan.callsPerSample,
            iterations: options.iterations,
            ...summariseTimings(timings.callMs, timings.sampleMs, batch),
          });
        }
      } finally {
        await session.close();
      }
    }
  }
  return rows;
}
