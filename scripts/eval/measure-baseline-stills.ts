/**
 * The per-visit baseline on East-Asian stills: a visit simulated as the person's own neutral photos (the opening
 * the agent takes as that citizen's baseline) followed by one posed expression. For each person, the baseline is
 * the median P(dissatisfied) of their neutral photos (leave-one-out when the scored photo is itself neutral);
 * the score is the agent's lifted probability (edge-agent/src/scoring/visit-baseline.ts, default settings).
 * Prints, per dataset, dissatisfied recall at precision ≥ 0.90 and P/R at the agent's threshold, absolute vs lifted.
 *
 *   npx tsx scripts/eval/measure-baseline-stills.ts [--shared ../shared] [--detector ID --model ID...]
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { recallAtPrecision } from "@hailong/model-lab";
import { DEFAULT_DISSATISFIED_THRESHOLD, decodeImage, largestFace } from "@hailong/models";
import { DEFAULT_VISIT_BASELINE, liftedProbability, median } from "../../edge-agent/src/scoring/visit-baseline.js";
import { ANALYZER_ARGS, openAnalyzer } from "./analyzer-args.js";
import { personOf } from "./person.js";

const { values } = parseArgs({ options: ANALYZER_ARGS });
const shared = path.resolve(values.shared);
const analyzer = await openAnalyzer(values);

const DATASETS = ["jaffe-dev", "taiwan-dev"];

interface Photo {
  person: string;
  label: string;
  file: string;
  p: number;
}

async function probability(file: string): Promise<number> {
  const image = await decodeImage(file);
  const face = largestFace(await analyzer.detect(image));
  const [analysed] = face ? await analyzer.classify(image, [face]) : [await analyzer.classifyWholeImage(image)];
  return analysed?.dissatisfied ?? 0;
}

function summary(scores: number[], positive: boolean[]) {
  const at90 = recallAtPrecision(scores, positive, 0.9);
  const flagged = scores.map((s) => s >= DEFAULT_DISSATISFIED_THRESHOLD);
  const tp = flagged.filter((f, i) => f && positive[i]).length;
  const fp = flagged.filter((f, i) => f && !positive[i]).length;
  const positives = positive.filter(Boolean).length;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
  return {
    recallAtP90: round(at90.recall),
    thresholdAtP90: round(at90.threshold),
    precisionAtAgentThreshold: round(tp + fp > 0 ? tp / (tp + fp) : null),
    recallAtAgentThreshold: round(positives > 0 ? tp / positives : null),
  };
}

for (const dataset of DATASETS) {
  const root = path.join(shared, "data", dataset);
  const photos: Photo[] = [];
  for (const label of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, label))) {
      const person = personOf(file);
      if (!person) throw new Error(`${dataset}: no person in ${file}`);
      photos.push({ person, label, file, p: await probability(path.join(root, label, file)) });
    }
  }
  const lifted = photos.map((photo) => {
    const opening = photos.filter((o) => o.person === photo.person && o.label === "neutral" && o !== photo);
    return opening.length > 0
      ? liftedProbability(photo.p, median(opening.map((o) => o.p)), DEFAULT_VISIT_BASELINE)
      : photo.p;
  });
  const positive = photos.map((photo) => photo.label === "angry" || photo.label === "disgust");
  const people = new Set(photos.map((photo) => photo.person)).size;
  const withoutOpening = photos.filter(
    (photo) => !photos.some((o) => o.person === photo.person && o.label === "neutral" && o !== photo),
  ).length;
  console.log(
    JSON.stringify({
      dataset,
      photos: photos.length,
      people,
      dissatisfied: positive.filter(Boolean).length,
      withoutNeutralOpening: withoutOpening,
      absolute: summary(
        photos.map((photo) => photo.p),
        positive,
      ),
      withVisitBaseline: summary(lifted, positive),
    }),
  );
}
await analyzer.close();
