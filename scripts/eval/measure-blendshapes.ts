/**
 * What MediaPipe's 52 blendshapes add to the agent's expression models for spotting dissatisfied faces, per dev
 * dataset. For every face: the default model set's 7 class probabilities (what the agent scores today) and the
 * blendshapes (converted face landmarker). Then cross-validated logistic regressions (folds split by person
 * where the dataset has persons) on log-probabilities, on blendshapes, and on both; ROC AUC and dissatisfied
 * recall at precision ≥ 0.90 of each, beside the untrained P(dissatisfied) of the models. Prints a table and
 * JSON lines. A measurement script, not a test; results go to docs/blendshapes.md.
 *
 *   npx tsx scripts/eval/measure-blendshapes.ts [--shared ../shared] [--datasets fer,jaffe,taiwan,ckplus]
 *     [--every N (every Nth image of each dataset, classes stay balanced)] [--limit N]
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  assignFolds,
  BLENDSHAPE_NAMES,
  createFaceLandmarker,
  crossValidatedScores,
  type DetectorFigures,
  type FaceLandmarker,
  type FaceRow,
  figures,
  isDissatisfiedLabel,
  listLabelledImages,
} from "@hailong/model-lab";
import {
  type AnalysedFace,
  type Box,
  chooseDefaultModels,
  createFaceAnalyzer,
  decodeImage,
  type ExpressionLabel,
  type LoadedFaceAnalyzer,
  largestFace,
} from "@hailong/models";
import { personOf } from "./person.js";

const { values } = parseArgs({
  options: {
    shared: { type: "string", default: process.env.HAILONG_SHARED_DIR ?? "../shared" },
    datasets: { type: "string", default: "fer,jaffe,taiwan,ckplus" },
    limit: { type: "string" },
    every: { type: "string", default: "1" },
  },
});
const shared = path.resolve(values.shared);
const FER_LABELS: ExpressionLabel[] = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

interface Sample {
  file: string;
  label: ExpressionLabel;
  person?: string;
  /** pre-cropped face: the whole image is the face box */
  cropped: boolean;
}

/** CK+: the first two frames of each sequence are neutral, the last three carry the sequence's apex label. */
async function ckplusSamples(): Promise<Sample[]> {
  const root = path.join(shared, "data/video/ckplus_sequences");
  const samples: Sample[] = [];
  for (const label of (await readdir(root)).filter((l) => (FER_LABELS as string[]).includes(l)).sort()) {
    for (const sequence of (await readdir(path.join(root, label))).sort()) {
      const dir = path.join(root, label, sequence);
      const frames = (await readdir(dir)).filter((f) => f.endsWith(".png")).sort();
      const person = sequence.split("_")[0];
      const at = (f: string, l: ExpressionLabel) => ({ file: path.join(dir, f), label: l, person, cropped: false });
      samples.push(...frames.slice(0, 2).map((f) => at(f, "neutral")));
      samples.push(...frames.slice(-3).map((f) => at(f, label as ExpressionLabel)));
    }
  }
  return samples;
}

/** A labelled folder; the person comes from the file name (FER2013 has none). */
async function labelled(dir: string, cropped: boolean, include?: string) {
  return (await listLabelledImages(dir, include)).map((i) => ({
    ...i,
    person: personOf(path.basename(i.file)) ?? undefined,
    cropped,
  }));
}

const DATASETS: Record<string, { name: string; samples: () => Promise<Sample[]> }> = {
  fer: { name: "FER2013-dev", samples: () => labelled(path.join(shared, "data/expressions"), true, "fer2013-*") },
  jaffe: { name: "JAFFE-dev", samples: () => labelled(path.join(shared, "data/jaffe-dev"), false) },
  taiwan: { name: "taiwan-dev", samples: () => labelled(path.join(shared, "data/taiwan-dev"), false) },
  ckplus: { name: "CK+ sequences", samples: ckplusSamples },
};

interface Extracted {
  rows: FaceRow[];
  agentScores: number[];
  missed: number;
}

/** Columns: 7 log-probabilities, 52 blendshapes, then logit P(dissatisfied) of the models. */
function featureRow(face: AnalysedFace, blendshapes: Record<string, number>): Float32Array {
  const logProbs = FER_LABELS.map((l) => Math.log(Math.max(face.expression[l] ?? 0, 1e-6)));
  const p = Math.min(Math.max(face.dissatisfied, 1e-6), 1 - 1e-6);
  return Float32Array.from([...logProbs, ...BLENDSHAPE_NAMES.map((n) => blendshapes[n] ?? 0), Math.log(p / (1 - p))]);
}

async function extract(
  samples: Sample[],
  analyzer: LoadedFaceAnalyzer,
  landmarker: FaceLandmarker,
): Promise<Extracted> {
  const out: Extracted = { rows: [], agentScores: [], missed: 0 };
  for (const [k, s] of samples.entries()) {
    if (k % 100 === 0) process.stderr.write(`  ${k}/${samples.length}\n`);
    const image = await decodeImage(s.file);
    let face: AnalysedFace | undefined;
    if (s.cropped) face = await analyzer.classifyWholeImage(image);
    else {
      const found = largestFace(await analyzer.detect(image));
      face = found ? (await analyzer.classify(image, [found]))[0] : undefined;
    }
    if (!face) {
      out.missed++;
      continue;
    }
    const box: Box = s.cropped ? { x: 0, y: 0, width: image.width, height: image.height } : face.box;
    const { blendshapes } = await landmarker.analyse(image, box);
    out.rows.push({
      person: s.person,
      dissatisfied: isDissatisfiedLabel(s.label),
      features: featureRow(face, blendshapes),
    });
    out.agentScores.push(face.dissatisfied);
  }
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const FEATURE_SETS = {
  "models (7 log-probs)": range(0, 7),
  "blendshapes (52)": range(7, 59),
  "models + blendshapes": range(0, 59),
  "models' P(dissatisfied) + blendshapes": [59, ...range(7, 59)],
};

function format(f: DetectorFigures): string {
  return `AUC ${f.rocAuc?.toFixed(3) ?? "-"}  recall@P≥0.90 ${f.recallAtP90.toFixed(3)}`;
}

async function main(): Promise<void> {
  const choice = await chooseDefaultModels();
  const analyzer = await createFaceAnalyzer({ detector: choice.detector, expression: choice.expression, threads: 1 });
  const landmarker = await createFaceLandmarker({ threads: 1 });
  process.stderr.write(`models: ${choice.detector} + ${choice.expression.join(" + ")}; face landmarker\n`);
  const limit = values.limit ? Number(values.limit) : undefined;
  for (const key of values.datasets.split(",")) {
    const dataset = DATASETS[key];
    if (!dataset) throw new Error(`unknown dataset ${key} (known: ${Object.keys(DATASETS).join(", ")})`);
    const every = Number(values.every);
    const samples = (await dataset.samples()).filter((_, k) => k % every === 0).slice(0, limit);
    const started = performance.now();
    const { rows, agentScores, missed } = await extract(samples, analyzer, landmarker);
    const seconds = (performance.now() - started) / 1000;
    const positive = rows.map((r) => r.dissatisfied);
    const folds = assignFolds(rows);
    const persons = new Set(rows.map((r) => r.person).filter(Boolean)).size;
    const split = persons > 0 ? `${new Set(folds).size} folds by person (${persons} persons)` : "5 folds by image";
    process.stdout.write(
      `\n${dataset.name}: ${rows.length} faces (${missed} without a face), ${split}, ${seconds.toFixed(0)} s\n`,
    );
    const results: Record<string, DetectorFigures> = {
      "models, untrained P(dissatisfied)": figures(agentScores, positive),
    };
    for (const [name, columns] of Object.entries(FEATURE_SETS)) {
      results[`CV logistic: ${name}`] = figures(crossValidatedScores(rows, columns, folds), positive);
    }
    for (const [name, f] of Object.entries(results)) process.stdout.write(`  ${name.padEnd(44)} ${format(f)}\n`);
    process.stdout.write(`${JSON.stringify({ dataset: dataset.name, faces: rows.length, missed, split, results })}\n`);
  }
  await analyzer.close();
  await landmarker.close();
}

await main();
