import type { ModelManifest } from "../manifest.js";
import { resolveModel } from "../registry/resolve-model.js";
import { createOnnxSession } from "../runtime/onnx-session.js";
import { percentile } from "./percentiles.js";

export interface ModelTiming {
  id: string;
  iterations: number;
  medianMs: number;
  p99Ms: number;
}

function staticDims(manifest: ModelManifest): number[] {
  return manifest.input.shape.map((d) => (typeof d === "number" ? d : 1));
}

/** Times one inference per model on a constant input (after 3 warm-up runs). Figures to print, never to assert. */
export async function benchModels(ids: readonly string[], iterations: number, threads: number): Promise<ModelTiming[]> {
  const timings: ModelTiming[] = [];
  for (const id of ids) {
    const model = await resolveModel(id);
    const session = await createOnnxSession(model.path, { threads });
    const dims = staticDims(model.manifest);
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(0.1);
    const samples: number[] = [];
    try {
      for (let i = 0; i < iterations + 3; i++) {
        const started = performance.now();
        await session.run({ [model.manifest.input.name]: { data, dims } });
        if (i >= 3) samples.push(performance.now() - started);
      }
    } finally {
      await session.close();
    }
    timings.push({ id, iterations, medianMs: percentile(samples, 50), p99Ms: percentile(samples, 99) });
  }
  return timings;
}
