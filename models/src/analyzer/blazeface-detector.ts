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
 * BlazeFace's crop: a square of 1.1·max(w, h) around its (square) box. A square calibrated to FER2013's framing
 * as for YuNet (YUNET_FER_FRAMING) measured no better with the offline default, so the established square stays
 * (docs/models.md, "Crop framing").
 */
export const BLAZEFACE_CROP_MARGIN = 1.1;

/**
 * Frames at least this wide (16:9 cameras at 1.78; not 3:2 or 4:3 photos) are searched in square tiles first
 * (PyramidOptions.tilesFirstFromAspect). At counter distance the letterboxed 16:9 frame shows BlazeFace a face
 * too small to find reliably or box tightly; the tiles cost about the same whatever the letterbox's luck and give
 * the tight box (docs/models.md, "Crop framing").
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
    detect: (image, detectOptions) =>
      detectWithPyramid(image, size, size, detectCanvas, {
        squareTiles: true,
        tilesFirstFromAspect: BLAZEFACE_TILES_FIRST_ASPECT,
        ...detectOptions,
      }),
    faceSquare: (box) => squareAround(box, BLAZEFACE_CROP_MARGIN),
    close: () => session.close(),
  };
}
