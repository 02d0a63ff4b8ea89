import { readFile } from "node:fs/promises";
import { type FaceTarget, facePatch, inputDims, wholeImageTarget } from "../analyzer/expression-classifier.js";
import type { ModelManifest } from "../manifest.js";
import type { ResolvedModel } from "../registry/resolve-model.js";
import { type BatchingRunner, createSampleRunner } from "../runtime/batching-runner.js";
import { createOnnxSession, type OnnxSession } from "../runtime/onnx-session.js";
import type { ModelBatchStats, RgbImage } from "../types.js";
import { flipHorizontal, imageToTensor } from "../vision/image-ops.js";
import { withExtraGraphOutput } from "./expose-output.js";

/** Penultimate tensors worth learning from, per model id (found by reading each graph's tail). */
export const EMBEDDING_OUTPUTS: Readonly<Record<string, { tensor: string; size: number }>> = {
  // Flatten before the final FC of opencv_zoo's MobileFaceNet (RAF-DB): a 512-d face-expression embedding.
  "fer-mobilefacenet-int8": { tensor: "481", size: 512 },
  // face-api.js expression net: the 256-d average-pooled features its final FC reads.
  "faceapi-expression": { tensor: "flatten", size: 256 },
};

export interface FeatureBlock {
  modelId: string;
  kind: "log-probabilities" | "logits" | "embedding";
  size: number;
}

export interface FeatureExtractor {
  readonly blocks: readonly FeatureBlock[];
  readonly size: number;
  /** Features of one face (flip-averaged when enabled); the whole image when target is omitted. */
  extract(image: RgbImage, target?: FaceTarget): Promise<Float32Array>;
  batchStats(): ModelBatchStats[];
  close(): Promise<void>;
}

interface Member {
  manifest: ModelManifest;
  session: OnnxSession;
  /** the scores, then the embedding when the member has one */
  runner: BatchingRunner;
  blocks: FeatureBlock[];
}

async function loadMember(
  model: ResolvedModel,
  threads: number,
  withEmbedding: boolean,
  maxBatch: number | undefined,
): Promise<Member> {
  const { manifest } = model;
  const embedding = withEmbedding ? EMBEDDING_OUTPUTS[manifest.id] : undefined;
  let bytes: Uint8Array = await readFile(model.path);
  if (embedding) bytes = withExtraGraphOutput(bytes, embedding.tensor);
  const session = await createOnnxSession(bytes, { threads });
  const classes = manifest.labels?.length ?? 0;
  const blocks: FeatureBlock[] = [
    {
      modelId: manifest.id,
      kind: manifest.outputActivation === "logits" ? "logits" : "log-probabilities",
      size: classes,
    },
  ];
  if (embedding) blocks.push({ modelId: manifest.id, kind: "embedding", size: embedding.size });
  const runner = createSampleRunner(session, {
    input: manifest.input.name,
    outputs: [manifest.outputs[0] as string, ...(embedding ? [embedding.tensor] : [])],
    sampleDims: inputDims(manifest).slice(1),
    maxBatch,
  });
  return { manifest, session, runner, blocks };
}

/**
 * Builds the head's input features from expression models: each model's scores (logits, or log of its
 * softmax) and, where known, its penultimate embedding. Uses exactly the classifier's preprocessing.
 */
export async function createFeatureExtractor(
  models: readonly ResolvedModel[],
  options: { threads?: number; flip?: boolean; embeddings?: boolean; maxBatch?: number } = {},
): Promise<FeatureExtractor> {
  const members: Member[] = [];
  for (const model of models)
    members.push(await loadMember(model, options.threads ?? 1, options.embeddings ?? true, options.maxBatch));
  const blocks = members.flatMap((m) => m.blocks);
  const size = blocks.reduce((s, b) => s + b.size, 0);

  async function run(member: Member, patch: RgbImage): Promise<Float32Array[]> {
    const [scores, ...embedding] = (await member.runner.run(imageToTensor(patch, member.manifest.input))) as [
      Float32Array,
      ...Float32Array[],
    ];
    const first = member.blocks[0] as FeatureBlock;
    return [first.kind === "log-probabilities" ? scores.map((p) => Math.log(Math.max(p, 1e-7))) : scores, ...embedding];
  }

  return {
    blocks,
    size,
    async extract(image, target = wholeImageTarget(image)) {
      const features = new Float32Array(size);
      let offset = 0;
      for (const member of members) {
        const patch = facePatch(member.manifest, image, target);
        // Together, so a model with a dynamic batch dimension runs the face and its mirror image in one batch.
        const views = await Promise.all([
          run(member, patch),
          ...((options.flip ?? true) ? [run(member, flipHorizontal(patch))] : []),
        ]);
        for (const [b, block] of member.blocks.entries()) {
          for (let i = 0; i < block.size; i++) {
            let sum = 0;
            for (const view of views) sum += (view[b] as Float32Array)[i] as number;
            features[offset + i] = sum / views.length;
          }
          offset += block.size;
        }
      }
      return features;
    },
    batchStats: () => members.map((m) => ({ model: m.manifest.id, ...m.runner.stats() })),
    async close() {
      for (const member of members) await member.session.close();
    },
  };
}
