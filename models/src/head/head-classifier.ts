import { readFile } from "node:fs/promises";
import path from "node:path";
import { HailongError } from "@hailong/common";
import type { FaceTarget } from "../analyzer/expression-classifier.js";
import { toExpressionProbabilities } from "../expression/probabilities.js";
import type { ResolvedModel } from "../registry/resolve-model.js";
import { createSampleRunner } from "../runtime/batching-runner.js";
import { sha256Hex } from "../runtime/files.js";
import { createOnnxSession } from "../runtime/onnx-session.js";
import type { ExpressionProbabilities, ModelBatchStats, RgbImage } from "../types.js";
import { createFeatureExtractor } from "./feature-extractor.js";
import { type HeadManifest, HeadManifestSchema } from "./head-manifest.js";

export interface HeadClassifier {
  readonly manifest: HeadManifest;
  classify(image: RgbImage, target?: FaceTarget): Promise<ExpressionProbabilities>;
  batchStats(): ModelBatchStats[];
  close(): Promise<void>;
}

export async function readHeadManifest(file: string): Promise<HeadManifest> {
  const parsed = HeadManifestSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success)
    throw new HailongError("HAILONG_ERR_MODEL", `${file}: invalid head manifest: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/**
 * Loads a trained head over its member expression models. The members must be byte-identical to the ones the
 * head was fitted on (sha256), otherwise its weights would silently mean something else.
 */
export async function createHeadClassifier(
  manifestFile: string,
  members: readonly ResolvedModel[],
  options: { threads?: number; maxBatch?: number } = {},
): Promise<HeadClassifier> {
  const manifest = await readHeadManifest(manifestFile);
  const ordered: ResolvedModel[] = [];
  for (const member of manifest.members) {
    const model = members.find((m) => m.manifest.id === member.modelId);
    if (!model) throw new HailongError("HAILONG_ERR_MODEL", `${manifest.id} needs model ${member.modelId}`);
    const actual = sha256Hex(await readFile(model.path));
    if (actual !== member.sha256) {
      throw new HailongError(
        "HAILONG_ERR_MODEL",
        `${manifest.id} was fitted on another ${member.modelId} (sha256 differs)`,
      );
    }
    ordered.push(model);
  }
  const onnxBytes = await readFile(path.join(path.dirname(manifestFile), manifest.file));
  if (sha256Hex(onnxBytes) !== manifest.sha256) {
    throw new HailongError("HAILONG_ERR_MODEL", `${manifest.file}: sha256 does not match its manifest`);
  }
  const threads = options.threads ?? 1;
  const { maxBatch } = options;
  const extractor = await createFeatureExtractor(ordered, { threads, flip: manifest.flip, maxBatch });
  if (extractor.size !== manifest.blocks.reduce((s, b) => s + b.size, 0)) {
    throw new HailongError("HAILONG_ERR_MODEL", `${manifest.id}: feature size differs from its manifest`);
  }
  const session = await createOnnxSession(onnxBytes, { threads });
  const runner = createSampleRunner(session, {
    input: "features",
    outputs: ["probabilities"],
    sampleDims: [extractor.size],
    maxBatch,
  });
  return {
    manifest,
    async classify(image, target) {
      const [probabilities] = (await runner.run(await extractor.extract(image, target))) as [Float32Array];
      return toExpressionProbabilities(manifest.labels, probabilities, "softmax");
    },
    batchStats: () => [...extractor.batchStats(), { model: manifest.id, ...runner.stats() }],
    async close() {
      await extractor.close();
      await session.close();
    },
  };
}
