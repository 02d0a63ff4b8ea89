/**
 * Measures every combination of {emotion-minixception, fer-mobilefacenet-int8, both} × {flip TTA off, on}
 * in one pass per dataset (each model runs once on each face and its mirror; combinations are averaged
 * afterwards exactly as createFaceAnalyzer averages them). Prints JSON lines to stdout. A benchmark, not a test.
 *
 *   npx tsx scripts/eval/measure-grid.ts [--shared ../shared] [--datasets fer,wild,ckplus] [--detectors yunet-2023mar,blazeface-front]
 */

import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createLogger } from "@hailong/common";
import {
  binaryDissatisfiedMetrics,
  buildCkplusTree,
  computeEvalMetrics,
  type EvalRecord,
  type LabelledImage,
  listLabelledImages,
} from "@hailong/model-lab";
import {
  averageProbabilities,
  decodeImage,
  dissatisfiedProbability,
  type ExpressionProbabilities,
  type FaceDetector,
  largestFace,
  loadFaceDetector,
  resolveModel,
  topLabel,
} from "@hailong/models";
import {
  createExpressionClassifier,
  createOnnxSession,
  type FaceTarget,
  facePatch,
  flipHorizontal,
  wholeImageTarget,
} from "@hailong/models/toolkit";

const log = createLogger({ name: "measure-grid" });
const { values } = parseArgs({
  options: {
    shared: { type: "string", default: process.env.HAILONG_SHARED_DIR ?? "../shared" },
    datasets: { type: "string", default: "wild,ckplus,fer" },
    detectors: { type: "string", default: "yunet-2023mar,blazeface-front" },
  },
});
const shared = path.resolve(values.shared);
const EXPRESSION_IDS = ["emotion-minixception", "fer-mobilefacenet-int8"];
const COMBOS = [["emotion-minixception"], ["fer-mobilefacenet-int8"], EXPRESSION_IDS];

const classifiers = await Promise.all(
  EXPRESSION_IDS.map(async (id) => {
    const m = await resolveModel(id);
    return {
      manifest: m.manifest,
      classifier: createExpressionClassifier(m.manifest, await createOnnxSession(m.path)),
    };
  }),
);

interface Scored {
  item: LabelledImage;
  /** per model id: [plain, flipped] probabilities; undefined = no face */
  probs?: Record<string, [ExpressionProbabilities, ExpressionProbabilities]>;
}

async function scoreAll(
  images: LabelledImage[],
  detector: FaceDetector | null,
): Promise<{ scored: Scored[]; ms: Record<string, number> }> {
  const ms: Record<string, number> = { detect: 0 };
  const scored: Scored[] = [];
  for (const item of images) {
    const image = await decodeImage(item.file);
    let target: FaceTarget | undefined;
    if (detector) {
      const t0 = performance.now();
      const face = largestFace(await detector.detect(image));
      ms.detect = (ms.detect ?? 0) + performance.now() - t0;
      if (face) target = { face, square: detector.faceSquare(face.box) };
    } else {
      target = wholeImageTarget(image);
    }
    if (!target) {
      log.warn({ file: item.file }, "no face found");
      scored.push({ item });
      continue;
    }
    const probs: Record<string, [ExpressionProbabilities, ExpressionProbabilities]> = {};
    for (const { manifest, classifier } of classifiers) {
      const t0 = performance.now();
      const patch = facePatch(manifest, image, target);
      probs[manifest.id] = [
        await classifier.classifyPatch(patch),
        await classifier.classifyPatch(flipHorizontal(patch)),
      ];
      ms[manifest.id] = (ms[manifest.id] ?? 0) + performance.now() - t0;
    }
    scored.push({ item, probs });
  }
  for (const k of Object.keys(ms)) ms[k] = (ms[k] as number) / images.length;
  return { scored, ms };
}

function combine(s: Scored, combo: string[], flip: boolean): ExpressionProbabilities | undefined {
  const probs = s.probs;
  if (!probs) return undefined;
  const members = combo.map((id) => {
    const [plain, flipped] = probs[id] as [ExpressionProbabilities, ExpressionProbabilities];
    return flip ? averageProbabilities([plain, flipped]) : plain;
  });
  return averageProbabilities(members);
}

async function measure(
  dataset: string,
  data: string,
  include: string | undefined,
  detectorId: string | null,
): Promise<void> {
  const images = await listLabelledImages(data, include);
  const detector = detectorId ? await loadFaceDetector(detectorId) : null;
  const { scored, ms } = await scoreAll(images, detector);
  await detector?.close();
  for (const combo of COMBOS) {
    for (const flip of [false, true]) {
      const records: EvalRecord[] = scored.map((s) => {
        const p = combine(s, combo, flip);
        return {
          truth: s.item.label,
          predicted: p ? topLabel(p) : null,
          dissatisfied: p ? dissatisfiedProbability(p) : null,
        };
      });
      const m = computeEvalMetrics(records, 0.5);
      const sweep = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((t) => {
        const b = binaryDissatisfiedMetrics(records, t);
        return { t, precision: b.precision, recall: b.recall, f1: b.f1 };
      });
      process.stdout.write(
        `${JSON.stringify({
          dataset,
          detector: detectorId,
          expression: combo.join("+"),
          flip,
          n: m.n,
          correct: m.correct,
          accuracy: m.accuracy,
          noFace: m.noFace,
          recall: Object.fromEntries(Object.entries(m.perClass).map(([k, v]) => [k, v.recall])),
          dissatisfied: m.dissatisfied,
          sweep,
          msPerImage: ms,
        })}\n`,
      );
    }
  }
}

const datasets = values.datasets.split(",");
const detectors = values.detectors.split(",");
const expressions = path.join(shared, "data/expressions");
if (datasets.includes("wild")) for (const d of detectors) await measure("wild", expressions, "wild-*", d);
if (datasets.includes("ckplus")) {
  const { dir } = await buildCkplusTree(path.join(shared, "data/video/ckplus_sequences"));
  try {
    for (const d of detectors) await measure("ckplus", dir, undefined, d);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
if (datasets.includes("fer")) await measure("fer2013-dev", expressions, "fer2013-*", null);
for (const { classifier } of classifiers) await classifier.close();
