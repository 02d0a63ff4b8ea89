import { averageProbabilities, dissatisfiedProbability } from "../expression/probabilities.js";
import type { ModelManifest } from "../manifest.js";
import { type ResolvedModel, resolveModel } from "../registry/resolve-model.js";
import { createOnnxSession } from "../runtime/onnx-session.js";
import type { AnalysedFace, DetectedFace, ExpressionProbabilities, FaceAnalyzer, RgbImage } from "../types.js";
import { createBlazeFaceDetector } from "./blazeface-detector.js";
import { createExpressionClassifier, type ExpressionClassifier } from "./expression-classifier.js";
import type { FaceDetector } from "./face-detector.js";
import { createYunetDetector } from "./yunet-detector.js";

export interface FaceAnalyzerOptions {
  detector: string;
  /** one id, or several to ensemble (probabilities averaged over their shared labels) */
  expression: string | readonly string[];
  /** also classify the mirrored face and average */
  flipTta?: boolean;
  /** intra-op threads per ONNX session */
  threads?: number;
  modelsDir?: string;
}

/** A FaceAnalyzer plus the evaluation hook for pre-cropped faces. */
export interface LoadedFaceAnalyzer extends FaceAnalyzer {
  readonly manifests: readonly ModelManifest[];
  /** Treats the whole image as the face (pre-cropped datasets); aligned models use a fixed central alignment. */
  classifyWholeImage(image: RgbImage): Promise<AnalysedFace>;
}

async function loadDetector(model: ResolvedModel, threads: number): Promise<FaceDetector> {
  const session = await createOnnxSession(model.path, { threads });
  return model.manifest.id.startsWith("yunet")
    ? createYunetDetector(model.manifest, session)
    : createBlazeFaceDetector(model.manifest, session);
}

export async function createFaceAnalyzer(options: FaceAnalyzerOptions): Promise<LoadedFaceAnalyzer> {
  const expressionIds = typeof options.expression === "string" ? [options.expression] : [...options.expression];
  if (expressionIds.length === 0) throw new Error("createFaceAnalyzer needs at least one expression model");
  const threads = options.threads ?? 1;
  const resolveOptions = options.modelsDir ? { modelsDir: options.modelsDir } : {};
  const detectorModel = await resolveModel(options.detector, resolveOptions);
  const expressionModels = await Promise.all(expressionIds.map((id) => resolveModel(id, resolveOptions)));
  const detector = await loadDetector(detectorModel, threads);
  const classifiers: ExpressionClassifier[] = [];
  for (const model of expressionModels) {
    classifiers.push(createExpressionClassifier(model.manifest, await createOnnxSession(model.path, { threads })));
  }
  const flip = options.flipTta ?? false;

  async function classifyOne(image: RgbImage, face: DetectedFace, cropMargin?: number): Promise<AnalysedFace> {
    const members: ExpressionProbabilities[] = [];
    for (const classifier of classifiers) members.push(await classifier.classify(image, face, flip, cropMargin));
    const expression = averageProbabilities(members);
    return { ...face, expression, dissatisfied: dissatisfiedProbability(expression) };
  }

  const analyzer: LoadedFaceAnalyzer = {
    modelIds: {
      detector: detectorModel.manifest.id,
      expression: expressionIds[0] as string,
      extra: expressionIds.slice(1),
    },
    manifests: [detectorModel.manifest, ...expressionModels.map((m) => m.manifest)],
    detect: (image) => detector.detect(image),
    async classify(image, faces) {
      const out: AnalysedFace[] = [];
      for (const face of faces) out.push(await classifyOne(image, face));
      return out;
    },
    async analyze(image) {
      return analyzer.classify(image, await detector.detect(image));
    },
    classifyWholeImage(image) {
      return classifyOne(image, { box: { x: 0, y: 0, width: image.width, height: image.height }, score: 1 }, 1);
    },
    async close() {
      await detector.close();
      for (const classifier of classifiers) await classifier.close();
    },
  };
  return analyzer;
}
