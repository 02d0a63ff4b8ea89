import type { OnnxSession } from "./onnx-session.js";

/** One sample in, its slice of the single output out. */
export type SampleRunner = (sample: Float32Array) => Promise<Float32Array>;

export interface BatchingStats {
  /** session runs */
  runs: number;
  /** samples classified */
  samples: number;
  /** the largest batch one run took */
  largestBatch: number;
}

/**
 * Runs a model whose first input dimension is dynamic, batching the samples that arrive while a run is in flight:
 * counters of one agent that have faces ready together share one inference call, a lone sample never waits.
 */
export function createBatchingRunner(
  session: OnnxSession,
  io: { input: string; output: string; sampleDims: readonly number[]; maxBatch?: number },
): { run: SampleRunner; stats(): BatchingStats } {
  const sampleSize = io.sampleDims.reduce((a, b) => a * b, 1);
  const maxBatch = io.maxBatch ?? 16;
  const stats: BatchingStats = { runs: 0, samples: 0, largestBatch: 0 };
  let waiting: Array<{ sample: Float32Array; resolve(out: Float32Array): void; reject(error: unknown): void }> = [];
  let busy = false;

  async function drain(): Promise<void> {
    busy = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      const data = new Float32Array(sampleSize * batch.length);
      for (const [i, item] of batch.entries()) data.set(item.sample, i * sampleSize);
      try {
        const out = await session.run({ [io.input]: { data, dims: [batch.length, ...io.sampleDims] } });
        const tensor = out[io.output];
        if (!tensor) throw new Error(`output ${io.output} missing`);
        const outSize = tensor.data.length / batch.length;
        for (const [i, item] of batch.entries()) item.resolve(tensor.data.slice(i * outSize, (i + 1) * outSize));
        stats.runs += 1;
        stats.samples += batch.length;
        stats.largestBatch = Math.max(stats.largestBatch, batch.length);
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    busy = false;
  }

  return {
    run(sample) {
      if (sample.length !== sampleSize) throw new Error(`sample of ${sample.length} values, expected ${sampleSize}`);
      const result = new Promise<Float32Array>((resolve, reject) => waiting.push({ sample, resolve, reject }));
      if (!busy) void drain();
      return result;
    },
    stats: () => ({ ...stats }),
  };
}

/** True when the model's first input dimension is symbolic (a batch of any size). */
export function hasDynamicBatch(shape: readonly (number | string)[]): boolean {
  return typeof shape[0] === "string";
}
