import { averageProbabilities, toExpressionProbabilities } from "../expression/probabilities.js";
import type { ExpressionLabel, ModelManifest } from "../manifest.js";
import { createSampleRunner } from "../runtime/batching-runner.js";
import type { OnnxSession } from "../runtime/onnx-session.js";
import type { Box, DetectedFace, ExpressionProbabilities, ModelBatchStats, RgbImage } from "../types.js";
import { alignFace112, cropAndResize } from "../vision/face-crop.js";
import { flipHorizontal, imageToTensor } from "../vision/image-ops.js";

export interface ExpressionClassifier {
  readonly id: string;
  readonly labels: readonly ExpressionLabel[];
  /** Probabilities for one face; with `flip`, the average of the face and its mirror image. */
  classify(image: RgbImage, target: FaceTarget, flip: boolean): Promise<ExpressionProbabilities>;
  /** Probabilities for an already prepared input patch (see facePatch). */
  classifyPatch(patch: RgbImage): Promise<ExpressionProbabilities>;
  batchStats(): ModelBatchStats[];
  close(): Promise<void>;
}

/**
 * A face to classify: the detection (landmarks for aligned models) and the square that unaligned, FER2013-style
 * models read — the detector's framing of its box (FaceDetector.faceSquare), or the whole image for a crop.
 */
export interface FaceTarget {
  face: DetectedFace;
  square: Box;
}

/** The whole image as the face (pre-cropped datasets); aligned models then use the typical landmarks. */
export function wholeImageTarget(image: RgbImage): FaceTarget {
  const box = { x: 0, y: 0, width: image.width, height: image.height };
  return { face: { box, score: 1 }, square: box };
}

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

/** Cuts the model's input patch out of the image as its manifest asks (5-point alignment or the square). */
export function facePatch(manifest: ModelManifest, image: RgbImage, target: FaceTarget): RgbImage {
  if (manifest.input.alignment === "five-point-112") return alignFace112(image, target.face);
  const { width, height } = inputSize(manifest);
  return cropAndResize(image, target.square, width, height);
}

export function createExpressionClassifier(
  manifest: ModelManifest,
  session: OnnxSession,
  options: { maxBatch?: number } = {},
): ExpressionClassifier {
  const labels = manifest.labels;
  if (manifest.kind !== "expression" || !labels) throw new Error(`${manifest.id} is not an expression model`);
  // A model with a dynamic batch dimension classifies the faces of several counters ready together in one run.
  const runner = createSampleRunner(session, {
    input: manifest.input.name,
    outputs: [manifest.outputs[0] as string],
    sampleDims: inputDims(manifest).slice(1),
    ...options,
  });

  async function run(patch: RgbImage): Promise<ExpressionProbabilities> {
    const [scores] = (await runner.run(imageToTensor(patch, manifest.input))) as [Float32Array];
    return toExpressionProbabilities(labels as ExpressionLabel[], scores, manifest.outputActivation ?? "softmax");
  }

  return {
    id: manifest.id,
    labels,
    async classify(image, target, flip) {
      const patch = facePatch(manifest, image, target);
      if (!flip) return run(patch);
      return averageProbabilities(await Promise.all([run(patch), run(flipHorizontal(patch))]));
    },
    classifyPatch: run,
    batchStats: () => [{ model: manifest.id, ...runner.stats() }],
    close: () => session.close(),
  };
}
