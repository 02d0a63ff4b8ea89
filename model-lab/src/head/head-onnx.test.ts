import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { headToOnnx } from "./head-onnx.js";
import { predictSoftmaxHead, trainSoftmaxHead } from "./softmax-regression.js";

describe("head ONNX export", () => {
  const rows = Array.from({ length: 60 }, (_, n) =>
    Float32Array.from([n % 3, (n * 7) % 5, 100 + (n % 3) * 10 + (n % 4)]),
  );
  const labels = rows.map((_, n) => n % 3);
  const head = trainSoftmaxHead(rows, labels, { classes: 3, iterations: 60 });

  it("gives the same probabilities in onnxruntime as the TypeScript predictor", async () => {
    const session = await ort.InferenceSession.create(headToOnnx(head, "test"), { logSeverityLevel: 3 });
    try {
      const batch = new Float32Array(rows.length * 3);
      for (const [n, row] of rows.entries()) batch.set(row, n * 3);
      const out = await session.run({ features: new ort.Tensor("float32", batch, [rows.length, 3]) });
      const probabilities = out.probabilities?.data as Float32Array;
      for (const [n, row] of rows.entries()) {
        const expected = predictSoftmaxHead(head, row);
        for (let k = 0; k < 3; k++) expect(probabilities[n * 3 + k]).toBeCloseTo(expected[k] as number, 5);
      }
    } finally {
      await session.release();
    }
  });

  it("exports byte-identical ONNX for the same head", () => {
    expect(Buffer.from(headToOnnx(head, "x")).equals(Buffer.from(headToOnnx(head, "x")))).toBe(true);
  });
});
