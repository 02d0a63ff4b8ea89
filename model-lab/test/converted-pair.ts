import { convertTfjsGraphModel } from "@hailong/models/toolkit";
import * as ort from "onnxruntime-node";
import { expect } from "vitest";
import { compareOutputs } from "../src/convert/parity.js";
import { loadTfjsReference, type TfjsReferenceModel } from "../src/convert/tfjs-reference.js";

type Graph = Pick<Parameters<typeof convertTfjsGraphModel>[0], "modelJson" | "weightData">;

/** A TF.js graph converted to ONNX and loaded in onnxruntime, beside TF.js running the original. */
export interface ConvertedPair {
  session: ort.InferenceSession;
  reference: TfjsReferenceModel;
  /** the TF output names, kept under the same names in the ONNX graph */
  outputs: readonly string[];
  close(): Promise<void>;
}

export async function convertBoth(graph: Graph, outputs: readonly string[]): Promise<ConvertedPair> {
  const onnx = convertTfjsGraphModel({ ...graph, outputs: outputs.map((tf) => ({ tf, onnx: tf })) });
  const session = await ort.InferenceSession.create(onnx);
  const reference = await loadTfjsReference(graph.modelJson, graph.weightData);
  return {
    session,
    reference,
    outputs,
    async close() {
      await session.release();
      reference.dispose();
    },
  };
}

/**
 * Runs both on one input (`input` in TF's NHWC layout and `shape`; `onnxInput` the same values as the ONNX
 * graph takes them) and expects every output non-zero and within `relTolerance` of its largest value.
 */
export async function expectOutputsAgree(
  pair: ConvertedPair,
  run: { input: Float32Array; shape: number[]; onnxInput: ort.Tensor; relTolerance: number; label: string },
): Promise<void> {
  const result = await pair.session.run({ input: run.onnxInput });
  const expected = pair.reference.run(run.input, run.shape, pair.outputs);
  pair.outputs.forEach((name, k) => {
    const { maxAbsDiff, maxAbsRef } = compareOutputs(result[name]?.data as Float32Array, expected[k] as Float32Array);
    expect(maxAbsRef, `${name} is not trivially zero`).toBeGreaterThan(0);
    expect(maxAbsDiff, `${name} (${run.label})`).toBeLessThanOrEqual(run.relTolerance * maxAbsRef);
  });
}
