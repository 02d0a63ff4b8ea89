import { averageProbabilities, toExpressionProbabilities } from "../expression/probabilities.js";
import type { ExpressionLabel, ModelManifest } from "../manifest.js";
import type { OnnxSession } from "../runtime/onnx-session.js";
import type { DetectedFace, ExpressionProbabilities, RgbImage } from "../types.js";
import { alignFace112, cropAndResize, squareAround } from "../vision/face-crop.js";
import { flipHorizontal, imageToTensor } from "../vision/image-ops.js";

export interface ExpressionClassifier {
  readonly id: string;
  readonly labels: readonly ExpressionLabel[];
  /** Probabilities for one face; with `flip`, the average of the face and its mirror image.
   * `cropMargin` overrides the square-crop margin of unaligned models (1 = exactly the box). */
  classify(image: RgbImage, face: DetectedFace, flip: boolean, cropMargin?: number): Promise<ExpressionProbabilities>;
  /** Probabilities for an already prepared input patch (see facePatch). */
  classifyPatch(patch: RgbImage): Promise<ExpressionProbabilities>;
  close(): Promise<void>;
}

/**
 * Square crop side relative to the detector box (max of width and height) for unaligned, FER2013-style models.
 * Sensitive and not tuned: mini-Xception alone on the 17 wild photos scores 11/17 at 1.0 but 8/17 at 1.1 with
 * YuNet boxes (12/17 at 1.1 with BlazeFace's square boxes); sizing from the box width instead helped YuNet +
 * mini-Xception on wild (10/17) but cost the ensemble 3 of 45 wild + CK+ images, so 1.1 of max(w, h) stays.
 */
export const UNALIGNED_CROP_MARGIN = 1.1;

export function inputSize(manifest: ModelManifest): { width: number; height: number } {
  const shape = manifest.input.shape;
  const [h, w] = manifest.input.layout === "NCHW" ? [shape[2], shape[3]] : [shape[1], shape[2]];
  if (typeof h !== "number" || typeof w !== "number") throw new Error(`${manifest.id}: input size must be static`);
  return { width: w, height: h };
}

/** Batch-1 tensor dims of the model's image input, in its layout. */
export function inputDims(manifest: ModelManifest): number[] {
  const { width, height } = inputSize(manifest);
  const channels = manifest.input.colorOrder === "GRAY" ? 1 : 3;
  return manifest.input.layout === "NCHW" ? [1, channels, height, width] : [1, height, width, channels];
}

/** Cuts the model's input patch out of the image as its manifest asks (5-point alignment or a square crop). */
export function facePatch(manifest: ModelManifest, image: RgbImage, face: DetectedFace, margin: number): RgbImage {
  if (manifest.input.alignment === "five-point-112") return alignFace112(image, face);
  const { width, height } = inputSize(manifest);
  return cropAndResize(image, squareAround(face.box, margin), width, height);
}

export function createExpressionClassifier(
  manifest: ModelManifest,
  session: OnnxSession,
  options: { cropMargin?: number } = {},
): ExpressionClassifier {
  const labels = manifest.labels;
  if (manifest.kind !== "expression" || !labels) throw new Error(`${manifest.id} is not an expression model`);
  const dims = inputDims(manifest);
  const outputName = manifest.outputs[0] as string;

  async function run(patch: RgbImage): Promise<ExpressionProbabilities> {
    const out = await session.run({ [manifest.input.name]: { data: imageToTensor(patch, manifest.input), dims } });
    const tensor = out[outputName];
    if (!tensor) throw new Error(`${manifest.id}: output ${outputName} missing`);
    return toExpressionProbabilities(labels as ExpressionLabel[], tensor.data, manifest.outputActivation ?? "softmax");
  }

  return {
    id: manifest.id,
    labels,
    async classify(image, face, flip, cropMargin) {
      const patch = facePatch(manifest, image, face, cropMargin ?? options.cropMargin ?? UNALIGNED_CROP_MARGIN);
      const probs = await run(patch);
      return flip ? averageProbabilities([probs, await run(flipHorizontal(patch))]) : probs;
    },
    classifyPatch: run,
    close: () => session.close(),
  };
}
