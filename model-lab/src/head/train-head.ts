import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "@hailong/common";
import { decodeImage, EXPRESSION_LABELS, type ExpressionLabel, resolveModel } from "@hailong/models";
import { createFeatureExtractor, type HeadManifest, sha256Hex, writeAtomically } from "@hailong/models/toolkit";
import { headToOnnx } from "./head-onnx.js";
import { predictSoftmaxHead, type SoftmaxHead, trainSoftmaxHead } from "./softmax-regression.js";

const LEARNING_RATE = 0.05;

/** FER2013's seven classes (every expression label but contempt), the head's output order. */
export const HEAD_LABELS: readonly ExpressionLabel[] = EXPRESSION_LABELS.filter((label) => label !== "contempt");

export interface TrainHeadOptions {
  /** Folder with one sub-folder per label (the FER2013 training split). */
  data: string;
  models: readonly string[];
  outDir: string;
  /** Deterministic cap per class (every k-th file in name order), to bound extraction time. */
  perClass?: number;
  l2Grid?: readonly number[];
  iterations?: number;
  flip?: boolean;
  threads?: number;
  log: Logger;
}

async function listSamples(data: string, perClass: number): Promise<Array<{ file: string; label: number }>> {
  const samples: Array<{ file: string; label: number }> = [];
  for (const [label, name] of HEAD_LABELS.entries()) {
    const dir = path.join(data, name);
    const files = (await readdir(dir)).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
    const step = Math.max(1, files.length / perClass);
    let taken = 0;
    for (let i = 0; i < files.length && taken < perClass; i += step, taken++) {
      samples.push({ file: path.join(dir, files[Math.floor(i)] as string), label });
    }
  }
  return samples;
}

function accuracy(head: SoftmaxHead, rows: readonly Float32Array[], labels: readonly number[]): number {
  let correct = 0;
  for (const [n, row] of rows.entries()) {
    const p = predictSoftmaxHead(head, row);
    if (p.indexOf(Math.max(...p)) === labels[n]) correct++;
  }
  return correct / Math.max(1, rows.length);
}

/** Extracts features for the training images, picks L2 on a held-back 10 %, refits on all, writes ONNX + manifest. */
export async function trainHead(options: TrainHeadOptions): Promise<HeadManifest> {
  const { log } = options;
  // Before the long extraction, so a missing output folder cannot throw away an hour of work at the end.
  await mkdir(options.outDir, { recursive: true });
  const resolved = [];
  for (const id of options.models) resolved.push(await resolveModel(id));
  const flip = options.flip ?? true;
  const extractor = await createFeatureExtractor(resolved, { threads: options.threads ?? 1, flip });
  const samples = await listSamples(options.data, options.perClass ?? 1500);
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  try {
    for (const [i, sample] of samples.entries()) {
      rows.push(await extractor.extract(await decodeImage(sample.file)));
      labels.push(sample.label);
      if (i % 1000 === 0) log.info({ done: i, total: samples.length }, "head features");
    }
  } finally {
    await extractor.close();
  }
  const isValidation = (n: number) => n % 10 === 0;
  const trainRows = rows.filter((_, n) => !isValidation(n));
  const trainLabels = labels.filter((_, n) => !isValidation(n));
  const valRows = rows.filter((_, n) => isValidation(n));
  const valLabels = labels.filter((_, n) => isValidation(n));
  const iterations = options.iterations ?? 300;
  let best = { l2: 0, accuracy: -1 };
  for (const l2 of options.l2Grid ?? [1e-3, 1e-2, 5e-2]) {
    const head = trainSoftmaxHead(trainRows, trainLabels, {
      classes: HEAD_LABELS.length,
      l2,
      iterations,
      learningRate: LEARNING_RATE,
    });
    const acc = accuracy(head, valRows, valLabels);
    log.info({ l2, validationAccuracy: acc }, "head candidate");
    if (acc > best.accuracy) best = { l2, accuracy: acc };
  }
  const head = trainSoftmaxHead(rows, labels, {
    classes: HEAD_LABELS.length,
    l2: best.l2,
    iterations,
    learningRate: LEARNING_RATE,
  });
  const id = `head-${options.models.join("+")}`.replace(/[^a-z0-9.+_-]/g, "").replace(/\+/g, "_");
  const onnx = headToOnnx(head, `softmax head over ${options.models.join(", ")}`);
  const perClass: Record<string, number> = {};
  for (const y of labels) perClass[HEAD_LABELS[y] as string] = (perClass[HEAD_LABELS[y] as string] ?? 0) + 1;
  const manifest: HeadManifest = {
    id,
    file: `${id}.onnx`,
    sha256: sha256Hex(onnx),
    members: await Promise.all(
      resolved.map(async (m) => ({ modelId: m.manifest.id, sha256: sha256Hex(await readFile(m.path)) })),
    ),
    blocks: [...extractor.blocks],
    flip,
    labels: [...HEAD_LABELS],
    training: {
      data: `FER2013 training split (${path.basename(options.data)})`,
      samples: rows.length,
      perClass,
      l2: best.l2,
      iterations,
      learningRate: LEARNING_RATE,
      validationAccuracy: best.accuracy,
    },
  };
  await writeAtomically(path.join(options.outDir, manifest.file), onnx);
  await writeAtomically(
    path.join(options.outDir, `${id}.head.json`),
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  );
  return manifest;
}
