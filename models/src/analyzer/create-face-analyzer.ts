import { readFile } from "node:fs/promises";
import path from "node:path";
import { averageProbabilities, dissatisfiedProbability } from "../expression/probabilities.js";
import { createHeadClassifier, readHeadManifest } from "../head/head-classifier.js";
import type { ModelManifest } from "../manifest.js";
import { defaultModelsDir, headsDir } from "../registry/paths.js";
import { type ResolvedModel, resolveModel } from "../registry/resolve-model.js";
import { createOnnxSession } from "../runtime/onnx-session.js";
import type { AnalysedFace, Box, ExpressionProbabilities, FaceAnalyzer, RgbImage } from "../types.js";
import { createBlazeFaceDetector } from "./blazeface-detector.js";
import { detectInRegion } from "./detect-in-region.js";
import {
  createExpressionClassifier,
  type ExpressionClassifier,
  type FaceTarget,
  wholeImageTarget,
} from "./expression-classifier.js";
import type { FaceDetector } from "./face-detector.js";
import { createYunetDetector } from "./yunet-detector.js";
import { withFreeYunetInputSize } from "./yunet-free-size.js";

/** One member of the expression ensemble: a plain model, or a trained head over other models' features. */
interface EnsembleMember {
  classify(image: RgbImage, target: FaceTarget): Promise<ExpressionProbabilities>;
  close(): Promise<void>;
}

/** Ids starting with `head-` name a trained head in models/heads/; anything else is a plain model. */
export function isHeadId(id: string): boolean {
  return id.startsWith("head-");
}

export interface FaceAnalyzerOptions {
  detector: string;
  /** one id, or several to ensemble (probabilities averaged over their shared labels); `head-…` ids name
   * trained heads (models/heads/) whose member models are loaded for them */
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
  /** The square unaligned expression models read for a box of this analyzer's detector. */
  faceSquare(box: Box): Box;
}

async function loadDetector(model: ResolvedModel, threads: number, scoreThreshold?: number): Promise<FaceDetector> {
  const thresholds = scoreThreshold === undefined ? {} : { scoreThreshold };
  if (model.manifest.id.startsWith("yunet")) {
    const free = withFreeYunetInputSize(new Uint8Array(await readFile(model.path)));
    const session = await createOnnxSession(free ?? model.path, { threads });
    return createYunetDetector(model.manifest, session, { freeInputSize: free !== undefined, ...thresholds });
  }
  return createBlazeFaceDetector(model.manifest, await createOnnxSession(model.path, { threads }), thresholds);
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
  return loadDetector(model, options.threads ?? 1, options.scoreThreshold);
}

export async function createFaceAnalyzer(options: FaceAnalyzerOptions): Promise<LoadedFaceAnalyzer> {
  const expressionIds = typeof options.expression === "string" ? [options.expression] : [...options.expression];
  if (expressionIds.length === 0) throw new Error("createFaceAnalyzer needs at least one expression model");
  const threads = options.threads ?? 1;
  const resolveOptions = options.modelsDir ? { modelsDir: options.modelsDir } : {};
  const detectorModel = await resolveModel(options.detector, resolveOptions);
  const flip = options.flipTta ?? false;
  // Heads are committed with the package; modelsDir only relocates generated and downloaded models.
  const heads = headsDir(defaultModelsDir());
  const expressionModels: ResolvedModel[] = [];
  const classifiers: EnsembleMember[] = [];
  for (const id of expressionIds) {
    if (isHeadId(id)) {
      const manifestFile = path.join(heads, `${id}.head.json`);
      const head = await readHeadManifest(manifestFile);
      const members = await Promise.all(head.members.map((m) => resolveModel(m.modelId, resolveOptions)));
      expressionModels.push(...members);
      const classifier = await createHeadClassifier(manifestFile, members, { threads });
      classifiers.push({
        classify: (image, target) => classifier.classify(image, target),
        close: () => classifier.close(),
      });
      continue;
    }
    const model = await resolveModel(id, resolveOptions);
    expressionModels.push(model);
    const classifier: ExpressionClassifier = createExpressionClassifier(
      model.manifest,
      await createOnnxSession(model.path, { threads }),
    );
    classifiers.push({
      classify: (image, target) => classifier.classify(image, target, flip),
      close: () => classifier.close(),
    });
  }
  const detector = await loadDetector(detectorModel, threads);

  async function classifyOne(image: RgbImage, target: FaceTarget): Promise<AnalysedFace> {
    const members: ExpressionProbabilities[] = [];
    for (const classifier of classifiers) members.push(await classifier.classify(image, target));
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
    detect: (image, region) => detectInRegion(detector, image, region),
    async classify(image, faces) {
      const out: AnalysedFace[] = [];
      for (const face of faces) out.push(await classifyOne(image, { face, square: detector.faceSquare(face.box) }));
      return out;
    },
    async analyze(image) {
      return analyzer.classify(image, await detector.detect(image));
    },
    faceSquare: (box) => detector.faceSquare(box),
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
