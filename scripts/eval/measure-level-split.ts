/**
 * Where faces of one labelled folder land among the four satisfaction levels, frame by frame, with the agent's
 * own mapping (edge-agent scoring: expression probabilities -> 0..100 score -> level band). Used to check that
 * ordinary friendly faces reach "hài lòng" (docs/scoring.md). Prints counts and shares; a measurement, not a test.
 *
 *   npx tsx scripts/eval/measure-level-split.ts --data <label tree> [--label happy] [--include GLOB] [--cropped]
 *     [--models auto|offline|downloaded]
 */

import { parseArgs } from "node:util";
import { listLabelledImages } from "@hailong/model-lab";
import {
  type AnalysedFace,
  chooseDefaultModels,
  createFaceAnalyzer,
  DOWNLOADED_MODEL_CHOICE,
  decodeImage,
  largestFace,
  OFFLINE_MODEL_CHOICE,
} from "@hailong/models";
import { levelOfScore, mapExpression } from "../../edge-agent/src/scoring/satisfaction.js";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    label: { type: "string", default: "happy" },
    include: { type: "string" },
    cropped: { type: "boolean", default: false },
    models: { type: "string", default: "auto" },
  },
});
if (!values.data) throw new Error("--data <label tree: one sub-folder per label> is required");
const choice =
  values.models === "offline"
    ? OFFLINE_MODEL_CHOICE
    : values.models === "downloaded"
      ? DOWNLOADED_MODEL_CHOICE
      : await chooseDefaultModels();
const analyzer = await createFaceAnalyzer({
  detector: choice.detector,
  expression: choice.expression,
  flipTta: choice.flipTta,
});
const images = (await listLabelledImages(values.data, values.include)).filter((i) => i.label === values.label);
const counts = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
const scores: number[] = [];
let missed = 0;
for (const item of images) {
  const image = await decodeImage(item.file);
  let face: AnalysedFace | undefined;
  if (values.cropped) face = await analyzer.classifyWholeImage(image);
  else {
    const found = largestFace(await analyzer.detect(image));
    face = found ? (await analyzer.classify(image, [found]))[0] : undefined;
  }
  if (!face) {
    missed++;
    continue;
  }
  const { score } = mapExpression(face.expression);
  scores.push(score);
  counts[levelOfScore(score)]++;
}
await analyzer.close();
const n = scores.length;
const pct = (k: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)} %`;
const sorted = [...scores].sort((a, b) => a - b);
const q = (p: number) => sorted[Math.floor(p * (n - 1))]?.toFixed(1) ?? "-";
console.log(
  JSON.stringify(
    {
      data: values.data,
      label: values.label,
      include: values.include ?? null,
      models: choice,
      images: images.length,
      faces: n,
      missed,
      counts,
      shares: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, pct(v)])),
      score: { p10: q(0.1), p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9) },
    },
    null,
    1,
  ),
);
