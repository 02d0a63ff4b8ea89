/**
 * Scores weighted ensembles offline from scripts/eval/dump-member-probs.ts output: for every weight vector of
 * the grid and flip TTA off/on, per set accuracy, dissatisfied recall at precision ≥ 0.90 and ROC AUC. Weights
 * all 1 without flip reproduce `hailong eval` of the same members. A measurement, not a test.
 *
 *   npx tsx scripts/eval/weigh-members.ts --grid 0.5,1,1.5,2,3 probs-*.jsonl
 */

import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { computeEvalMetrics, type EvalRecord } from "@hailong/model-lab";
import {
  averageProbabilities,
  dissatisfiedProbability,
  type ExpressionLabel,
  type ExpressionProbabilities,
  topLabel,
} from "@hailong/models";

interface Row {
  set: string;
  truth: ExpressionLabel;
  noFace: boolean;
  probs: Record<string, { plain: ExpressionProbabilities | null; flip: ExpressionProbabilities | null }>;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    grid: { type: "string", default: "1" },
    threshold: { type: "string", default: "0.4" },
    members: { type: "string" },
  },
});
// Rows of the same set and file from several dumps (e.g. one per model) are merged.
const byKey = new Map<string, Row>();
for (const file of positionals) {
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Row & { file: string };
    const key = `${row.set}|${row.file}`;
    const seen = byKey.get(key);
    if (seen) Object.assign(seen.probs, row.probs);
    else byKey.set(key, row);
  }
}
const rows = [...byKey.values()];
const members = values.members?.split(",") ?? Object.keys(rows[0]?.probs ?? {});
// A face some dump has not read for a member (an unfinished or missing dump) would otherwise count as a face not
// found and quietly lower every figure of its set.
for (const [key, row] of byKey) {
  const missing = members.filter((id) => !row.noFace && !row.probs[id]?.plain);
  if (missing.length > 0) throw new Error(`${key}: no probabilities of ${missing.join(", ")} in the given dumps`);
}
const sets = [...new Set(rows.map((r) => r.set))];
const grid = values.grid.split(",").map(Number);

/** The ensemble the analyzer would give (flip TTA: each member averaged with its mirror read first), weighted;
 * only for a row with a face, whose members' probabilities were all checked above. */
function combine(row: Row, weights: number[], flip: boolean): ExpressionProbabilities {
  const parts = members.map((id) => {
    const p = row.probs[id] as { plain: ExpressionProbabilities; flip: ExpressionProbabilities | null };
    return flip && p.flip ? averageProbabilities([p.plain, p.flip]) : p.plain;
  });
  return averageProbabilities(parts, weights);
}

function* weightVectors(): Generator<number[]> {
  const n = members.length;
  const idx = new Array(n).fill(0);
  while (true) {
    const w = idx.map((i) => grid[i] as number);
    // Every combination of grid values but all-zero; scaled copies (1,1,1 and 2,2,2) give the same ensemble.
    if (w.some((x) => x > 0)) yield w;
    let k = n - 1;
    while (k >= 0 && idx[k] === grid.length - 1) idx[k--] = 0;
    if (k < 0) return;
    idx[k]++;
  }
}

const threshold = Number(values.threshold);
for (const weights of weightVectors()) {
  for (const flip of [false, true]) {
    const bySet: Record<string, string> = {};
    for (const set of sets) {
      const records: EvalRecord[] = rows
        .filter((r) => r.set === set)
        .map((r) => {
          const p = r.noFace ? null : combine(r, weights, flip);
          return {
            truth: r.truth,
            predicted: p ? topLabel(p) : null,
            dissatisfied: p ? dissatisfiedProbability(p) : null,
          };
        });
      const m = computeEvalMetrics(records, threshold);
      bySet[set] =
        `${(m.accuracy ?? 0).toFixed(3)}/${m.dissatisfiedAtPrecision90.recall.toFixed(3)}/${(m.dissatisfied.rocAuc ?? 0).toFixed(3)}`;
    }
    process.stdout.write(`${JSON.stringify({ members, weights, flip, ...bySet })}\n`);
  }
}
