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
  run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>>;
  close(): Promise<void>;
}

export interface OnnxSessionOptions {
  /** intra-op threads; the edge box has few cores shared with capture. */
  threads?: number;
}

export async function createOnnxSession(modelPath: string, options: OnnxSessionOptions = {}): Promise<OnnxSession> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      // 3 = error: silences UltraFace-style "initializer appears in graph inputs" warnings.
      logSeverityLevel: 3,
      graphOptimizationLevel: "all",
    });
  } catch (error) {
    throw new HailongError("HAILONG_ERR_MODEL", `could not load ONNX model ${modelPath}`, { cause: error });
  }
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
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
