import type { ModelManifest } from "../manifest.js";
import type { OnnxSession, TensorData } from "../runtime/onnx-session.js";
import type { DetectedFace, RgbImage } from "../types.js";
import { blazeFaceAnchors, decodeBlazeFace } from "../vision/blazeface-decode.js";
import { squareAround } from "../vision/face-crop.js";
import { imageToTensor } from "../vision/image-ops.js";
import { inputSize } from "./expression-classifier.js";
import type { FaceDetector } from "./face-detector.js";
import { detectWithPyramid } from "./pyramid-detect.js";

/**
 * Splits BlazeFace outputs into per-anchor logits and 16 regressors: either one [1,896,17] tensor
 * (logit first, as the TFJS graph emits) or separate [1,896,1] scores and [1,896,16] boxes.
 */
export function splitBlazeFaceOutputs(
  outputs: readonly TensorData[],
  anchorCount: number,
): { logits: Float32Array; regressors: Float32Array } {
  const joint = outputs.find((t) => t.data.length === anchorCount * 17);
  if (joint) {
    const logits = new Float32Array(anchorCount);
    const regressors = new Float32Array(anchorCount * 16);
    for (let i = 0; i < anchorCount; i++) {
      logits[i] = joint.data[i * 17] as number;
      regressors.set(joint.data.subarray(i * 17 + 1, i * 17 + 17), i * 16);
    }
    return { logits, regressors };
  }
  const scores = outputs.find((t) => t.data.length === anchorCount);
  const boxes = outputs.find((t) => t.data.length === anchorCount * 16);
  if (!scores || !boxes) throw new Error(`unexpected BlazeFace outputs: ${outputs.map((t) => t.dims.join("x"))}`);
  return { logits: scores.data, regressors: boxes.data };
}

/**
 * BlazeFace's crop: a square of 1.1·max(w, h) around its (square) box. Measured as for YuNet (YUNET_FER_FRAMING,
 * scripts/eval/measure-framing.ts), its box spans 0.83 of a FER2013-train crop and sits 0.114 box heights low,
 * i.e. a 1.2-width square centred higher would match FER2013's framing — but that calibrated crop measured no
 * better with the offline default (FER2013-dev placed on a frame: accuracy 0.650 vs 0.647, dissatisfied F1 0.611
 * vs 0.595; wild photos 12 vs 14 of 17; CK+ 22 vs 22 of 28), so the established square stays.
 */
export const BLAZEFACE_CROP_MARGIN = 1.1;

/**
 * Frames at least this wide (16:9 cameras at 1.78; not 3:2 or 4:3 photos) are searched in square tiles first
 * (PyramidOptions.tilesFirstFromAspect). At counter distance (a face a third of the frame high) the letterboxed
 * 16:9 frame shows BlazeFace a 10–15 px face: sometimes missed, sometimes found with a loose box. Measured
 * 2026-11-22, offline default, the two orders interleaved frame by frame in one process (80 frames each; this
 * machine's timings drift), CPU per frame, median:
 * - the pipeline bench's 720p frame (face cut around YuNet's box): letterbox-first finds it at once but with a
 *   206-px box where YuNet's is 133×147 and the tiles' 110 px (the crop then frames the face at ~60 %): 16.9 ms,
 *   tiles-first 23.3 ms with the tight box; its 1080p frame: the letterbox misses, 43.3 → 32.7 ms, same box;
 * - the same frames cut around BlazeFace's box: letterbox misses at 720p too, 30.4 → 24.0 ms, same box;
 * - an empty frame unchanged (every attempt runs either way).
 * So the tiles cost about the same whatever the luck of the letterboxed attempt and give the tight box. Wild
 * photos unchanged (14/17; the three wider than 1.7 included); CK+ and 4:3 frames are below the aspect.
 */
export const BLAZEFACE_TILES_FIRST_ASPECT = 1.7;

export function createBlazeFaceDetector(
  manifest: ModelManifest,
  session: OnnxSession,
  options: { scoreThreshold?: number; nmsThreshold?: number } = {},
): FaceDetector {
  const { width: size } = inputSize(manifest);
  const anchors = blazeFaceAnchors(size);
  const dims = manifest.input.layout === "NCHW" ? [1, 3, size, size] : [1, size, size, 3];
  const decodeOptions = {
    inputSize: size,
    scoreThreshold: options.scoreThreshold ?? 0.6,
    nmsThreshold: options.nmsThreshold ?? 0.3,
  };

  const input = { width: size, height: size };
  async function detectCanvas(image: RgbImage): Promise<DetectedFace[]> {
    const data = imageToTensor(image, manifest.input, input);
    const out = await session.run({ [manifest.input.name]: { data, dims } });
    const { logits, regressors } = splitBlazeFaceOutputs(
      manifest.outputs.map((name) => {
        const t = out[name];
        if (!t) throw new Error(`${manifest.id}: output ${name} missing`);
        return t;
      }),
      anchors.length,
    );
    return decodeBlazeFace(logits, regressors, anchors, decodeOptions);
  }

  return {
    id: manifest.id,
    detect: (image) =>
      detectWithPyramid(image, size, size, detectCanvas, {
        squareTiles: true,
        tilesFirstFromAspect: BLAZEFACE_TILES_FIRST_ASPECT,
      }),
    faceSquare: (box) => squareAround(box, BLAZEFACE_CROP_MARGIN),
    close: () => session.close(),
  };
}
