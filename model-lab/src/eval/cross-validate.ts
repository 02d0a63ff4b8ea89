/**
 * Cross-validated dissatisfied detectors over per-face feature rows: a 2-class logistic regression (the project's
 * softmax head) trained on the other folds, scored on the held-out one. Pure: no I/O.
 */

import { predictSoftmaxHead, trainSoftmaxHead } from "../head/softmax-regression.js";
import { recallAtPrecision, rocAuc, SMS_MIN_PRECISION } from "./metrics.js";

export interface FaceRow {
  /** person id when the dataset has one (folds never split a person) */
  person?: string;
  dissatisfied: boolean;
  features: Float32Array;
}

export interface DetectorFigures {
  n: number;
  positives: number;
  rocAuc: number | null;
  recallAtP90: number;
  precisionAtThatPoint: number | null;
}

/** Fold per row: by person (leave-one-person-out up to `folds` persons, else persons dealt round-robin), or by row. */
export function assignFolds(rows: readonly { person?: string }[], folds = 5): number[] {
  const persons = [...new Set(rows.map((r) => r.person).filter((p): p is string => p !== undefined))].sort();
  if (persons.length === 0) return rows.map((_, k) => k % folds);
  const foldOf = new Map(persons.map((p, k) => [p, k % Math.min(folds, persons.length)]));
  return rows.map((r) => foldOf.get(r.person ?? "") ?? 0);
}

export function figures(scores: readonly number[], positive: readonly boolean[]): DetectorFigures {
  const point = recallAtPrecision(scores, positive, SMS_MIN_PRECISION);
  return {
    n: scores.length,
    positives: positive.filter(Boolean).length,
    rocAuc: rocAuc(scores, positive),
    recallAtP90: point.recall,
    precisionAtThatPoint: point.precision,
  };
}

/** Out-of-fold P(dissatisfied) for every row, using the feature columns `columns` (indices into features). */
export function crossValidatedScores(rows: readonly FaceRow[], columns: readonly number[], folds: number[]): number[] {
  const scores = new Array<number>(rows.length).fill(0);
  const pick = (r: FaceRow) => Float32Array.from(columns, (c) => r.features[c] as number);
  for (const fold of new Set(folds)) {
    const train = rows.filter((_, k) => folds[k] !== fold);
    const positives = train.filter((r) => r.dissatisfied).length;
    if (positives === 0 || positives === train.length) continue;
    const head = trainSoftmaxHead(
      train.map(pick),
      train.map((r) => (r.dissatisfied ? 1 : 0)),
      { classes: 2, l2: 1e-2, iterations: 300, classWeights: [1, (train.length - positives) / positives] },
    );
    rows.forEach((r, k) => {
      if (folds[k] === fold) scores[k] = predictSoftmaxHead(head, pick(r))[1] as number;
    });
  }
  return scores;
}
