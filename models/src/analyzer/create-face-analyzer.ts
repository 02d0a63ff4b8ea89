import { averageProbabilities, dissatisfiedProbability } from "../expression/probabilities.js";
import type { ModelManifest } from "../manifest.js";
import { type ResolvedModel, resolveModel } from "../registry/resolve-model.js";
import type { AnalysedFace, Box, ExpressionProbabilities, FaceAnalyzer, ModelBatchStats, RgbImage } from "../types.js";
import { DEFAULT_MAX_BATCH } from "./defaults.js";
import { detectInRegion } from "./detect-in-region.js";
import { loadDetectorModel } from "./detector-adapters.js";
import { type FaceTarget, wholeImageTarget } from "./expression-classifier.js";
import { type EnsembleMember, loadEnsembleMember } from "./expression-members.js";
import type { FaceDetector } from "./face-detector.js";

export interface FaceAnalyzerOptions {
  detector: string;
  /** one id, or several to ensemble (probabilities averaged over their shared labels); ids of trained
   * heads (models/heads/) load their member models too */
  expression: string | readonly string[];
  /** also classify the mirrored face and average */
  flipTta?: boolean;
  /** intra-op threads per ONNX session */
  threads?: number;
  /** the most faces one run of a model with a dynamic batch dimension takes (default DEFAULT_MAX_BATCH) */
  maxBatch?: number;
  modelsDir?: string;
}

/** A FaceAnalyzer plus the evaluation hook for pre-cropped faces. */
export interface LoadedFaceAnalyzer extends FaceAnalyzer {
  readonly manifests: readonly ModelManifest[];
  /** Treats the whole image as the face (pre-cropped datasets); aligned models use a fixed central alignment. */
  classifyWholeImage(image: RgbImage): Promise<AnalysedFace>;
  /** The square unaligned expression models read for a box of this analyzer's detector. */
  faceSquare(box: Box): Box;
  batchStats(): ModelBatchStats[];
}

export interface FaceDetectorOptions {
  /** lower than the analyzer's 0.6 to look for faces as hard as the model can (privacy measurements) */
  scoreThreshold?: number;
  threads?: number;
  modelsDir?: string;
}

/** A detector alone, with its own score threshold: what the snapshot privacy check runs on a privacy image. */
export async function loadFaceDetector(id: string, options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const model = await resolveModel(id, options.modelsDir ? { modelsDir: options.modelsDir } : {});
  return loadDetectorModel(model, {
    threads: options.threads ?? 1,
    ...(options.scoreThreshold === undefined ? {} : { scoreThreshold: options.scoreThreshold }),
  });
}

export async function createFaceAnalyzer(options: FaceAnalyzerOptions): Promise<LoadedFaceAnalyzer> {
  const expressionIds = typeof options.expression === "string" ? [options.expression] : [...options.expression];
  if (expressionIds.length === 0) throw new Error("createFaceAnalyzer needs at least one expression model");
  const threads = options.threads ?? 1;
  const resolveOptions = options.modelsDir ? { modelsDir: options.modelsDir } : {};
  const detectorModel = await resolveModel(options.detector, resolveOptions);
  const flip = options.flipTta ?? false;
  const expressionModels: ResolvedModel[] = [];
  const classifiers: EnsembleMember[] = [];
  for (const id of expressionIds) {
    const loaded = await loadEnsembleMember(id, {
      threads,
      flip,
      resolve: resolveOptions,
      maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH,
    });
    expressionModels.push(...loaded.models);
    classifiers.push(loaded.member);
  }
  const detector = await loadDetectorModel(detectorModel, { threads });

  async function classifyOne(image: RgbImage, target: FaceTarget): Promise<AnalysedFace> {
    const members: ExpressionProbabilities[] = await Promise.all(classifiers.map((c) => c.classify(image, target)));
    const expression = averageProbabilities(members);
    return { ...target.face, expression, dissatisfied: dissatisfiedProbability(expression) };
  }

  const analyzer: LoadedFaceAnalyzer = {
    modelIds: {
      detector: detectorModel.manifest.id,
      expression: expressionIds[0] as string,
      extra: expressionIds.slice(1),
    },
    manifests: [detectorModel.manifest, ...expressionModels.map((m) => m.manifest)],
    detect: (image, region, size) => detectInRegion(detector, image, region, size),
    async classify(image, faces) {
      // Concurrent, so a model with a dynamic batch dimension classifies the frame's faces in one run.
      return Promise.all(faces.map((face) => classifyOne(image, { face, square: detector.faceSquare(face.box) })));
    },
    async analyze(image) {
      return analyzer.classify(image, await detector.detect(image));
    },
    faceSquare: (box) => detector.faceSquare(box),
    batchStats: () => classifiers.flatMap((c) => c.batchStats()),
    classifyWholeImage(image) {
      return classifyOne(image, wholeImageTarget(image));
    },
    async close() {
      await detector.close();
      for (const classifier of classifiers) await classifier.close();
    },
  };
  return analyzer;
}
