import type { DetectedFace, Point } from "../types.js";
import { nonMaxSuppression } from "./nms.js";

export const YUNET_STRIDES = [8, 16, 32] as const;

/** Raw YuNet outputs for one stride, flattened (batch 1). */
export interface YunetStrideOutput {
  cls: ArrayLike<number>;
  obj: ArrayLike<number>;
  bbox: ArrayLike<number>;
  kps: ArrayLike<number>;
}

export interface YunetDecodeOptions {
  inputWidth: number;
  inputHeight: number;
  /** OpenCV FaceDetectorYN defaults: 0.9 / 0.3. */
  scoreThreshold: number;
  nmsThreshold: number;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** Decodes YuNet heads as OpenCV's FaceDetectorYN does; coordinates are in model-input pixels. */
export function decodeYunet(
  outputs: Readonly<Record<(typeof YUNET_STRIDES)[number], YunetStrideOutput>>,
  options: YunetDecodeOptions,
): DetectedFace[] {
  const faces: DetectedFace[] = [];
  for (const stride of YUNET_STRIDES) {
    const out = outputs[stride];
    const cols = Math.floor(options.inputWidth / stride);
    const rows = Math.floor(options.inputHeight / stride);
    for (let i = 0; i < cols * rows; i++) {
      const score = Math.sqrt(clamp01(out.cls[i] as number) * clamp01(out.obj[i] as number));
      if (score < options.scoreThreshold) continue;
      const row = Math.floor(i / cols);
      const col = i % cols;
      const b = (k: number): number => out.bbox[i * 4 + k] as number;
      const cx = (col + b(0)) * stride;
      const cy = (row + b(1)) * stride;
      const w = Math.exp(b(2)) * stride;
      const h = Math.exp(b(3)) * stride;
      const landmarks: Point[] = [];
      for (let k = 0; k < 5; k++) {
        landmarks.push({
          x: ((out.kps[i * 10 + 2 * k] as number) + col) * stride,
          y: ((out.kps[i * 10 + 2 * k + 1] as number) + row) * stride,
        });
      }
      faces.push({
        box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h },
        score,
        landmarks: landmarks as [Point, Point, Point, Point, Point],
      });
    }
  }
  return nonMaxSuppression(faces, options.nmsThreshold);
}
