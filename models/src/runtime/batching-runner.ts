import type { OnnxSession } from "./onnx-session.js";

/** One sample in, its slice of each requested output out (in the order of `outputs`). */
export type SampleRunner = (sample: Float32Array) => Promise<Float32Array[]>;

export interface BatchingStats {
  /** session runs */
  runs: number;
  /** samples classified */
  samples: number;
  /** the largest batch one run took */
  largestBatch: number;
}

/** The requested outputs' data, in the order of `names`; a missing output is a broken model. */
function outputData(out: Awaited<ReturnType<OnnxSession["run"]>>, names: readonly string[]): Float32Array[] {
  return names.map((name) => {
    const tensor = out[name];
    if (!tensor) throw new Error(`output ${name} missing`);
    return tensor.data;
  });
}

export interface BatchingRunner {
  run: SampleRunner;
  stats(): BatchingStats;
}

/**
 * Runs a model whose first input dimension is dynamic, batching the samples that arrive together: a batch is
 * formed at the end of the event-loop turn (where onnxruntime-node would start the run anyway), so counters of one
 * agent whose faces are ready in the same turn share one inference call, and samples arriving while a run is in
 * flight share the next. A lone sample waits for nothing but the end of its turn.
 */
export function createBatchingRunner(
  session: OnnxSession,
  io: { input: string; outputs: readonly string[]; sampleDims: readonly number[]; maxBatch?: number },
): BatchingRunner {
  const sampleSize = io.sampleDims.reduce((a, b) => a * b, 1);
  const maxBatch = io.maxBatch ?? 16;
  const stats: BatchingStats = { runs: 0, samples: 0, largestBatch: 0 };
  let waiting: Array<{ sample: Float32Array; resolve(out: Float32Array[]): void; reject(error: unknown): void }> = [];
  let busy = false;

  async function runBatch(batch: typeof waiting): Promise<void> {
    const data = new Float32Array(sampleSize * batch.length);
    for (const [i, item] of batch.entries()) data.set(item.sample, i * sampleSize);
    try {
      const out = await session.run({ [io.input]: { data, dims: [batch.length, ...io.sampleDims] } });
      const tensors = outputData(out, io.outputs);
      for (const [i, item] of batch.entries()) {
        item.resolve(
          tensors.map((t) => {
            const size = t.length / batch.length;
            return t.slice(i * size, (i + 1) * size);
          }),
        );
      }
      stats.runs += 1;
      stats.samples += batch.length;
      stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  async function drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      await runBatch(batch);
    }
    busy = false;
  }

  return {
    run(sample) {
      if (sample.length !== sampleSize) throw new Error(`sample of ${sample.length} values, expected ${sampleSize}`);
      const result = new Promise<Float32Array[]>((resolve, reject) => waiting.push({ sample, resolve, reject }));
      if (!busy) {
        busy = true;
        void drain();
      }
      return result;
    },
    stats: () => ({ ...stats }),
  };
}

/** True when the model's first input dimension is symbolic (a batch of any size). */
export function hasDynamicBatch(shape: readonly (number | string)[]): boolean {
  return typeof shape[0] === "string";
}

/**
 * A runner for one model input: batching when the session declares that input's first dimension symbolic,
 * otherwise one run per sample (counted the same way, so the bench reports every model's batches).
 */
export function createSampleRunner(
  session: OnnxSession,
  io: { input: string; outputs: readonly string[]; sampleDims: readonly number[]; maxBatch?: number },
): BatchingRunner {
  if (hasDynamicBatch(session.inputShapes[io.input] ?? [])) return createBatchingRunner(session, io);
  const stats: BatchingStats = { runs: 0, samples: 0, largestBatch: 0 };
  const dims = [1, ...io.sampleDims];
  return {
    async run(sample) {
      const tensors = outputData(await session.run({ [io.input]: { data: sample, dims } }), io.outputs);
      stats.runs += 1;
      stats.samples += 1;
      stats.largestBatch = 1;
      return tensors;
    },
    stats: () => ({ ...stats }),
  };
}
