import { access } from "node:fs/promises";
import path from "node:path";
import { createHeadClassifier, readHeadManifest } from "../head/head-classifier.js";
import { defaultModelsDir, headsDir } from "../registry/paths.js";
import { type ResolvedModel, type ResolveModelOptions, resolveModel } from "../registry/resolve-model.js";
import { createOnnxSession } from "../runtime/onnx-session.js";
import type { ExpressionProbabilities, ModelBatchStats, RgbImage } from "../types.js";
import { createExpressionClassifier, type FaceTarget } from "./expression-classifier.js";

/** One member of the expression ensemble: a plain model, or a trained head over other models' features. */
export interface EnsembleMember {
  classify(image: RgbImage, target: FaceTarget): Promise<ExpressionProbabilities>;
  batchStats(): ModelBatchStats[];
  close(): Promise<void>;
}

export interface MemberLoadOptions {
  threads: number;
  /** the most faces one run of a model with a dynamic batch dimension takes */
  maxBatch?: number;
  flip: boolean;
  resolve: ResolveModelOptions;
}

/** A loaded member and the expression models it runs (their manifests are reported with the analyzer's). */
interface LoadedMember {
  member: EnsembleMember;
  models: ResolvedModel[];
}

type MemberKind = "expression" | "expression-head";
type MemberAdapter = (id: string, options: MemberLoadOptions) => Promise<LoadedMember>;

/** Heads are committed with the package; modelsDir only relocates generated and downloaded models. */
function headManifestFile(id: string): string {
  return path.join(headsDir(defaultModelsDir()), `${id}.head.json`);
}

const MEMBER_ADAPTERS: Readonly<Record<MemberKind, MemberAdapter>> = {
  async expression(id, options) {
    const model = await resolveModel(id, options.resolve);
    const session = await createOnnxSession(model.path, { threads: options.threads });
    const classifier = createExpressionClassifier(model.manifest, session, { maxBatch: options.maxBatch });
    const member: EnsembleMember = {
      classify: (image, target) => classifier.classify(image, target, options.flip),
      batchStats: () => classifier.batchStats(),
      close: () => classifier.close(),
    };
    return { member, models: [model] };
  },
  async "expression-head"(id, options) {
    const manifestFile = headManifestFile(id);
    const head = await readHeadManifest(manifestFile);
    const models = await Promise.all(head.members.map((m) => resolveModel(m.modelId, options.resolve)));
    const classifier = await createHeadClassifier(manifestFile, models, {
      threads: options.threads,
      maxBatch: options.maxBatch,
    });
    const member: EnsembleMember = {
      classify: (image, target) => classifier.classify(image, target),
      batchStats: () => classifier.batchStats(),
      close: () => classifier.close(),
    };
    return { member, models };
  },
};

/** A trained head when models/heads/ holds a head manifest of that id, otherwise a plain expression model. */
async function memberKind(id: string): Promise<MemberKind> {
  try {
    await access(headManifestFile(id));
    return "expression-head";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "expression";
    throw error;
  }
}

/** Loads one ensemble member with the adapter its kind names. */
export async function loadEnsembleMember(id: string, options: MemberLoadOptions): Promise<LoadedMember> {
  return MEMBER_ADAPTERS[await memberKind(id)](id, options);
}
