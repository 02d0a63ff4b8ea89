import { describe, expect, it } from "vitest";
import { inputDims } from "../src/analyzer/expression-classifier.js";
import { resolveModel } from "../src/registry/resolve-model.js";
import { createBatchingRunner } from "../src/runtime/batching-runner.js";
import { createOnnxSession } from "../src/runtime/onnx-session.js";

/** Deterministic pseudo-random patches: different faces' worth of input, not all zeros. */
function patches(n: number, size: number): Float32Array[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: n }, () => Float32Array.from({ length: size }, next));
}

describe("batching runner on mini-Xception (dynamic batch)", () => {
  it("gives each sample the same scores batched as alone, in fewer runs", async () => {
    const model = await resolveModel("emotion-minixception");
    const session = await createOnnxSession(model.path);
    const dims = inputDims(model.manifest);
    const io = { input: model.manifest.input.name, outputs: [model.manifest.outputs[0] as string] };
    const sampleDims = dims.slice(1);
    const inputs = patches(
      8,
      sampleDims.reduce((a, b) => a * b, 1),
    );
    try {
      const alone: Float32Array[] = [];
      for (const sample of inputs) {
        const out = await session.run({ [io.input]: { data: sample, dims } });
        alone.push(out[io.outputs[0] as string]?.data as Float32Array);
      }
      const runner = createBatchingRunner(session, { ...io, sampleDims });
      // Eight counters with a face ready at once.
      const batched = await Promise.all(inputs.map((sample) => runner.run(sample)));
      for (const [i, [scores = new Float32Array()]] of batched.entries()) {
        expect(scores).toHaveLength(alone[i]?.length ?? -1);
        for (const [k, v] of scores.entries()) expect(v).toBeCloseTo(alone[i]?.[k] as number, 4);
      }
      // All eight arrived in one event-loop turn: one run.
      expect(runner.stats()).toEqual({ runs: 1, samples: 8, largestBatch: 8 });
    } finally {
      await session.close();
    }
  });

  it("a failed run rejects only that batch's samples", async () => {
    const model = await resolveModel("emotion-minixception");
    const session = await createOnnxSession(model.path);
    const sampleDims = inputDims(model.manifest).slice(1);
    const runner = createBatchingRunner(session, { input: "no-such-input", outputs: ["x"], sampleDims });
    try {
      const [sample] = patches(
        1,
        sampleDims.reduce((a, b) => a * b, 1),
      );
      await expect(runner.run(sample as Float32Array)).rejects.toThrow();
      expect(() => runner.run(new Float32Array(3))).toThrow(/expected/);
    } finally {
      await session.close();
    }
  });
});
