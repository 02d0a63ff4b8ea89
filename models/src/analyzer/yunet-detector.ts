import type { ModelManifest } from "../manifest.js";
import type { OnnxSession } from "../runtime/onnx-session.js";
import { createTensorPool } from "../runtime/tensor-pool.js";
import type { DetectedFace, RgbImage } from "../types.js";
import { framedSquare, type SquareFraming } from "../vision/face-crop.js";
import { imageToTensor } from "../vision/image-ops.js";
import { decodeYunet, YUNET_STRIDES, type YunetStrideOutput } from "../vision/yunet-decode.js";
import type { FaceDetector } from "./face-detector.js";
import { detectWithPyramid } from "./pyramid-detect.js";

export interface YunetDetectorOptions {
  scoreThreshold?: number;
  nmsThreshold?: number;
  /** the session takes any input size (withFreeYunetInputSize): the letterboxed image is padded only up to
   * the next multiple of the largest stride, not to the manifest's 640×640 */
  freeInputSize?: boolean;
}

/**
 * FER2013 framing of a YuNet box, measured on the training split (not tuned on any evaluation set) by
 * `scripts/eval/measure-framing.ts`: the unaligned models learned FER2013's framing, so they read the square
 * FER2013 would have cut (figures and the gain over the old 1.1·max(w, h) square: docs/models.md, "Crop framing").
 */
export const YUNET_FER_FRAMING: SquareFraming = { dx: -0.012, dy: -0.011, side: 1.22 };

/**
 * YuNet's sure face size in its input: `measure-detection-range.ts` finds ≥ 90 % of real faces from 64 px in a
 * 720p frame, which YuNet sees at half size (docs/models.md, "Detection range").
 */
export const YUNET_SURE_FACE_PX = 32;

export function createYunetDetector(
  manifest: ModelManifest,
  session: OnnxSession,
  options: YunetDetectorOptions = {},
): FaceDetector {
  const [, , height, width] = manifest.input.shape as [number, number, number, number];
  const thresholds = { scoreThreshold: options.scoreThreshold ?? 0.6, nmsThreshold: options.nmsThreshold ?? 0.3 };
  const stride = Math.max(...YUNET_STRIDES);
  const padUp = (v: number) => Math.max(stride, Math.ceil(v / stride) * stride);
  // Room for a frame-sized input (4 MB at 640×544) and a few of the smaller searches around tracked faces.
  const inputs = createTensorPool(8 * 2 ** 20);

  async function detectCanvas(image: RgbImage): Promise<DetectedFace[]> {
    const canvas = options.freeInputSize
      ? { width: padUp(image.width), height: padUp(image.height) }
      : { width, height };
    const data = imageToTensor(image, manifest.input, canvas, inputs.acquire);
    const dims = [1, 3, canvas.height, canvas.width];
    let out: Awaited<ReturnType<OnnxSession["run"]>>;
    try {
      out = await session.run({ [manifest.input.name]: { data, dims } });
    } finally {
      // onnxruntime reads the input during the run only.
      inputs.release(data);
    }
    const heads = {} as Record<(typeof YUNET_STRIDES)[number], YunetStrideOutput>;
    for (const s of YUNET_STRIDES) {
      const get = (name: string) => {
        const t = out[`${name}_${s}`];
        if (!t) throw new Error(`YuNet output ${name}_${s} missing`);
        return t.data;
      };
      heads[s] = { cls: get("cls"), obj: get("obj"), bbox: get("bbox"), kps: get("kps") };
    }
    return decodeYunet(heads, { inputWidth: canvas.width, inputHeight: canvas.height, ...thresholds });
  }

  return {
    id: manifest.id,
    detect: (image, detectOptions) => detectWithPyramid(image, width, height, detectCanvas, detectOptions),
    faceSquare: (box) => framedSquare(box, YUNET_FER_FRAMING),
    sureFacePx: YUNET_SURE_FACE_PX,
    close: () => session.close(),
  };
}
