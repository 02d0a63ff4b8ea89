import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { REPO_ROOT } from "@hailong/common/testing";

/**
 * TensorFlow Lite itself (the Emscripten build inside @tensorflow/tfjs-tflite 0.0.1-alpha.10, installed apart
 * from the workspaces by `npm ci --prefix model-lab/tflite-reference`): the reference the converted ONNX models
 * are checked against. Loaded with the .wasm read from disk, one thread, no SIMD.
 */
export const TFLITE_WASM_DIR = path.join(
  REPO_ROOT,
  "model-lab/tflite-reference/node_modules/@tensorflow/tfjs-tflite/wasm",
);
export const HAS_TFLITE_REFERENCE = existsSync(path.join(TFLITE_WASM_DIR, "tflite_web_api_cc.wasm"));

interface CppVector<T> {
  size(): number;
  get(i: number): T;
}
interface TensorInfo {
  name: string;
  data(): Float32Array;
}
interface WasmRunner {
  GetInputs(): CppVector<TensorInfo>;
  GetOutputs(): CppVector<TensorInfo>;
  Infer(): boolean;
  delete(): void;
}
interface TfliteWasmModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  TFLiteWebModelRunner: {
    CreateFromBufferAndOptions(
      ptr: number,
      size: number,
      options: Record<string, unknown>,
    ): { ok(): boolean; errorMessage(): string; value(): WasmRunner };
  };
}

export interface TfliteReferenceModel {
  /** Runs one input (TFLite layout, e.g. NHWC) and returns every output, flattened, in graph order. */
  run(input: Float32Array): Float32Array[];
  readonly outputNames: string[];
}

function list<T>(v: CppVector<T>): T[] {
  return Array.from({ length: v.size() }, (_, i) => v.get(i));
}

export async function loadTfliteReference(): Promise<(model: Uint8Array) => TfliteReferenceModel> {
  const require = createRequire(import.meta.url);
  const factory = require(path.join(TFLITE_WASM_DIR, "tflite_web_api_cc.js")) as (
    o: Record<string, unknown>,
  ) => Promise<TfliteWasmModule>;
  const wasm = await factory({ wasmBinary: await readFile(path.join(TFLITE_WASM_DIR, "tflite_web_api_cc.wasm")) });
  return (model) => {
    const ptr = wasm._malloc(model.byteLength);
    wasm.HEAPU8.set(model, ptr);
    const created = wasm.TFLiteWebModelRunner.CreateFromBufferAndOptions(ptr, model.byteLength, {
      numThreads: 1,
      enableProfiling: false,
      maxProfilingBufferEntries: 1024,
    });
    if (!created.ok()) throw new Error(`TFLite reference could not load the model: ${created.errorMessage()}`);
    const runner = created.value();
    const [input] = list(runner.GetInputs());
    const outputs = list(runner.GetOutputs());
    return {
      outputNames: outputs.map((o) => o.name),
      run(data) {
        input?.data().set(data);
        if (!runner.Infer()) throw new Error("TFLite reference inference failed");
        return outputs.map((o) => Float32Array.from(o.data()));
      },
    };
  };
}
