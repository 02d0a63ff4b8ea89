import "@tensorflow/tfjs-backend-cpu";
import { TfjsGraphModelJsonSchema } from "@hailong/models/toolkit";
import { loadGraphModel } from "@tensorflow/tfjs-converter";
import * as tf from "@tensorflow/tfjs-core";

/** A TF.js graph model run on the CPU backend: the reference the converted ONNX models are checked against. */
export interface TfjsReferenceModel {
  /** Runs one NHWC input and returns each requested TF output tensor, flattened in TF order. */
  run(inputNhwc: Float32Array, shape: number[], outputs: readonly string[]): Float32Array[];
  dispose(): void;
}

export async function loadTfjsReference(modelJson: unknown, weightData: Uint8Array): Promise<TfjsReferenceModel> {
  await tf.setBackend("cpu");
  await tf.ready();
  const parsed = TfjsGraphModelJsonSchema.parse(modelJson);
  const weightBuffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength);
  const handler = tf.io.fromMemory({
    modelTopology: parsed.modelTopology,
    weightSpecs: parsed.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
    weightData: weightBuffer as ArrayBuffer,
    format: parsed.format,
  });
  const model = await loadGraphModel(handler);
  return {
    run(inputNhwc, shape, outputs) {
      return tf.tidy(() => {
        const input = tf.tensor(inputNhwc, shape, "float32");
        const result = model.execute(
          input,
          outputs.map((o) => `${o}:0`),
        );
        const list = Array.isArray(result) ? result : [result];
        return list.map((t) => t.dataSync() as Float32Array);
      });
    },
    dispose() {
      model.dispose();
    },
  };
}
