import { HailongError } from "@hailong/common";
import * as ort from "onnxruntime-node";

export interface TensorData {
  data: Float32Array;
  dims: readonly number[];
}

/** The one place onnxruntime is touched: a float32-in/float32-out session. */
export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** each tensor input's declared shape; a string is a symbolic dimension (e.g. a dynamic batch "N") */
  readonly inputShapes: Readonly<Record<string, readonly (number | string)[]>>;
  run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>>;
  close(): Promise<void>;
}

export interface OnnxSessionOptions {
  /** intra-op threads; the edge box has few cores shared with capture. */
  threads?: number;
}

/** Loads a model from a file path, or from bytes (e.g. a model with an extra graph output added in memory). */
export async function createOnnxSession(
  model: string | Uint8Array,
  options: OnnxSessionOptions = {},
): Promise<OnnxSession> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    // 3 = error: silences UltraFace-style "initializer appears in graph inputs" warnings.
    logSeverityLevel: 3,
    graphOptimizationLevel: "all",
    // The input shapes vary (YuNet searches regions of many sizes, batches vary in size): a memory plan per shape
    // only grows onnxruntime's arena, and the plans save little on these small graphs (docs/performance.md).
    enableMemPattern: false,
  };
  let session: ort.InferenceSession;
  try {
    session =
      typeof model === "string"
        ? await ort.InferenceSession.create(model, sessionOptions)
        : await ort.InferenceSession.create(model, sessionOptions);
  } catch (error) {
    const what = typeof model === "string" ? model : `(${model.byteLength} bytes)`;
    throw new HailongError("HAILONG_ERR_MODEL", `could not load ONNX model ${what}`, { cause: error });
  }
  const inputShapes: Record<string, readonly (number | string)[]> = {};
  for (const m of session.inputMetadata) if (m.isTensor) inputShapes[m.name] = m.shape;
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputShapes,
    async run(feeds) {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) inputs[name] = new ort.Tensor("float32", t.data, [...t.dims]);
      const results = await session.run(inputs);
      const out: Record<string, TensorData> = {};
      for (const [name, tensor] of Object.entries(results)) {
        out[name] = { data: tensor.data as Float32Array, dims: tensor.dims };
        tensor.dispose();
      }
      return out;
    },
    async close() {
      await session.release();
    },
  };
}
