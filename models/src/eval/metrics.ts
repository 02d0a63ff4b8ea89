import { DISSATISFIED_LABELS, EXPRESSION_LABELS, type ExpressionLabel } from "../manifest.js";

/** One evaluated image: its true label, the model's top label (null = no face found) and P(dissatisfied). */
export interface EvalRecord {
  truth: ExpressionLabel;
  predicted: ExpressionLabel | null;
  /** P(angry ∪ disgust ∪ contempt); null when no face was found (scored as 0, i.e. "not dissatisfied"). */
  dissatisfied: number | null;
}

export interface ClassMetrics {
  n: number;
  predicted: number;
  precision: number | null;
  recall: number | null;
}

export interface BinaryMetrics {
  threshold: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  rocAuc: number | null;
}

export interface EvalMetrics {
  n: number;
  correct: number;
  accuracy: number | null;
  noFace: number;
  perClass: Partial<Record<ExpressionLabel, ClassMetrics>>;
  /** rows = true label, columns = predicted label then "none" (no face) */
  confusion: { labels: ExpressionLabel[]; columns: string[]; matrix: number[][] };
  dissatisfied: BinaryMetrics;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function isDissatisfiedLabel(label: ExpressionLabel): boolean {
  return DISSATISFIED_LABELS.includes(label);
}

/**
 * ROC AUC as the Mann–Whitney statistic: the probability that a random positive scores above a random
 * negative, ties counting one half. Null when either class is empty.
 */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number | null {
  const pos = scores.filter((_, i) => positive[i]);
  const neg = scores.filter((_, i) => !positive[i]);
  if (pos.length === 0 || neg.length === 0) return null;
  // Rank-based: O(n log n) so thousands of images stay cheap.
  const all = scores.map((s, i) => ({ s, p: positive[i] as boolean })).sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && (all[j] as { s: number }).s === (all[i] as { s: number }).s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if ((all[k] as { p: boolean }).p) rankSumPos += midRank;
    i = j;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

export function binaryDissatisfiedMetrics(records: readonly EvalRecord[], threshold: number): BinaryMetrics {
  const scores = records.map((r) => r.dissatisfied ?? 0);
  const positive = records.map((r) => isDissatisfiedLabel(r.truth));
  let tp = 0;
  let fp = 0;
  scores.forEach((s, i) => {
    if (s >= threshold) {
      if (positive[i]) tp++;
      else fp++;
    }
  });
  const positives = positive.filter(Boolean).length;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, positives);
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : null;
  return {
    threshold,
    positives,
    negatives: records.length - positives,
    truePositives: tp,
    falsePositives: fp,
    precision,
    recall,
    f1,
    rocAuc: rocAuc(scores, positive),
  };
}

/** Multi-class and dissatisfied metrics. A label the model cannot predict simply never matches: counted wrong. */
export function computeEvalMetrics(records: readonly EvalRecord[], threshold: number): EvalMetrics {
  const labels = EXPRESSION_LABELS.filter((l) => records.some((r) => r.truth === l || r.predicted === l));
  const columns: string[] = [...labels, "none"];
  const matrix = labels.map(() => columns.map(() => 0));
  for (const r of records) {
    const row = matrix[labels.indexOf(r.truth)] as number[];
    const col = r.predicted === null ? labels.length : labels.indexOf(r.predicted);
    row[col] = (row[col] as number) + 1;
  }
  const perClass: EvalMetrics["perClass"] = {};
  labels.forEach((label, i) => {
    const row = matrix[i] as number[];
    const n = row.reduce((s, v) => s + v, 0);
    const predicted = matrix.reduce((s, r) => s + (r[i] as number), 0);
    const tp = row[i] as number;
    perClass[label] = { n, predicted, precision: ratio(tp, predicted), recall: ratio(tp, n) };
  });
  const correct = records.filter((r) => r.predicted === r.truth).length;
  return {
    n: records.length,
    correct,
    accuracy: ratio(correct, records.length),
    noFace: records.filter((r) => r.predicted === null).length,
    perClass,
    confusion: { labels, columns, matrix },
    dissatisfied: binaryDissatisfiedMetrics(records, threshold),
  };
}
