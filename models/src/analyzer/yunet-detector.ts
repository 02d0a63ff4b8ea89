import type { ModelManifest } from "../manifest.js";
import type { OnnxSession } from "../runtime/onnx-session.js";
import type { DetectedFace, RgbImage } from "../types.js";
import { imageToTensor } from "../vision/image-ops.js";
import { decodeYunet, YUNET_STRIDES, type YunetStrideOutput } from "../vision/yunet-decode.js";
import type { FaceDetector } from "./face-detector.js";
import { detectWithPyramid } from "./pyramid-detect.js";

export interface YunetDetectorOptions {
  scoreThreshold?: number;
  nmsThreshold?: number;
}

export function createYunetDetector(
  manifest: ModelManifest,
  session: OnnxSession,
  options: YunetDetectorOptions = {},
): FaceDetector {
  const [, , height, width] = manifest.input.shape as [number, number, number, number];
  const decodeOptions = {
    inputWidth: width,
    inputHeight: height,
    scoreThreshold: options.scoreThreshold ?? 0.6,
    nmsThreshold: options.nmsThreshold ?? 0.3,
  };

  async function detectCanvas(image: RgbImage): Promise<DetectedFace[]> {
    const data = imageToTensor(image, manifest.input, { width, height });
    const out = await session.run({ [manifest.input.name]: { data, dims: [1, 3, height, width] } });
    const heads = {} as Record<(typeof YUNET_STRIDES)[number], YunetStrideOutput>;
    for (const s of YUNET_STRIDES) {
      const get = (name: string) => {
        const t = out[`${name}_${s}`];
        if (!t) throw new Error(`YuNet output ${name}_${s} missing`);
        return t.data;
      };
      heads[s] = { cls: get("cls"), obj: get("obj"), bbox: get("bbox"), kps: get("kps") };
    }
    return decodeYunet(heads, decodeOptions);
  }

  return {
    id: manifest.id,
    detect: (image) => detectWithPyramid(image, width, height, detectCanvas),
    close: () => session.close(),
  };
}
