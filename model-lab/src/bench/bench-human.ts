import { batchTensor, loadResized } from "./bench-input.js";
import type { BenchRow, HumanEnvironment } from "./bench-report.js";
import { summariseTimings } from "./bench-stats.js";
import type { HumanWasm, TfGraphModel, TfTensor } from "./human-wasm.js";
import { loadHumanWasm } from "./human-wasm.js";
import { timeSamples } from "./time-samples.js";

// Human's own preprocessing (src/face/emotion.ts, src/face/blazeface.ts): gray 64×64 in [-1, 1]; RGB 256×256 in [-1, 1].
const UNIT_RANGE = { scale: 1 / 255, mean: [0.5], std: [0.5] };
const EMOTION_SIZE = 64;
const BLAZEFACE_SIZE = 256;

function runGraph(model: TfGraphModel, input: TfTensor): void {
  const out = model.execute(input);
  // dataSync waits for the result, so the timing covers the whole inference.
  for (const t of Array.isArray(out) ? out : [out]) {
    t.dataSync();
    t.dispose();
  }
}

function requireModel(human: HumanWasm, name: string): TfGraphModel {
  const model = human.models.models[name];
  if (!model) throw new Error(`Human did not load its ${name} model`);
  return model;
}

async function timeRow(
  model: string,
  threads: number,
  iterations: number,
  call: () => Promise<void> | void,
): Promise<BenchRow> {
  const t = await timeSamples(call, 1, iterations);
  return {
    runtime: "human tfjs-wasm",
    model,
    threads,
    batch: 1,
    batchLabel: "1",
    tensorBatch: 1,
    callsPerSample: 1,
    iterations,
    ...summariseTimings(t.callMs, t.sampleMs, 1),
  };
}

/**
 * Times Human's emotion model (the same mini-Xception weights as emotion-minixception) and its blazeface detector
 * (the 256 px "back" model, as blazeface-back) directly, plus one human.detect() with face detection + emotion.
 */
export async function benchHuman(
  imageFile: string,
  iterations: number,
): Promise<{ rows: BenchRow[]; environment: HumanEnvironment }> {
  const { human, wasmThreads } = await loadHumanWasm();
  const { tf } = human;
  const gray = await loadResized(imageFile, EMOTION_SIZE, EMOTION_SIZE);
  const rgb = await loadResized(imageFile, BLAZEFACE_SIZE, BLAZEFACE_SIZE);
  const full = await loadResized(imageFile, 640, 480);
  const emotionInput = tf.tensor(
    batchTensor(gray, { layout: "NHWC", colorOrder: "GRAY", normalisation: UNIT_RANGE }, 1),
    [1, EMOTION_SIZE, EMOTION_SIZE, 1],
    "float32",
  );
  const faceInput = tf.tensor(
    batchTensor(rgb, { layout: "NHWC", colorOrder: "RGB", normalisation: UNIT_RANGE }, 1),
    [1, BLAZEFACE_SIZE, BLAZEFACE_SIZE, 3],
    "float32",
  );
  const frame = tf.tensor(full.data, [full.height, full.width, 3], "int32");
  try {
    const emotion = requireModel(human, "emotion");
    const blazeface = requireModel(human, "blazeface");
    const rows = [
      await timeRow("human emotion (mini-Xception)", wasmThreads, iterations, () => runGraph(emotion, emotionInput)),
      await timeRow("human blazeface (256, back)", wasmThreads, iterations, () => runGraph(blazeface, faceInput)),
      await timeRow("human.detect(face+emotion) 640×480", wasmThreads, iterations, async () => {
        const result = await human.detect(frame);
        if (result.face.length === 0) throw new Error("human.detect found no face in the bench photo");
      }),
    ];
    return {
      rows,
      environment: {
        version: human.version,
        backend: tf.getBackend(),
        wasmThreads,
        multithreadSupported: human.env.wasm.multithread === true,
        simdSupported: human.env.wasm.simd === true,
      },
    };
  } finally {
    emotionInput.dispose();
    faceInput.dispose();
    frame.dispose();
  }
}
