import { DISSATISFIED_LABELS, EXPRESSION_LABELS, type ExpressionLabel } from "@hailong/models";

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

/** The best recall any threshold reaches while keeping precision at or above `minPrecision`. */
export interface OperatingPoint {
  minPrecision: number;
  /** 0 when no threshold reaches the precision (or there are no positives) */
  recall: number;
  /** lowest score still flagged at that point; null when no threshold reaches the precision */
  threshold: number | null;
  precision: number | null;
}

export interface EvalMetrics {
  n: number;
  correct: number;
  accuracy: number | null;
  /** mean over classes present of per-class F1 (a class never predicted counts 0) */
  macroF1: number | null;
  noFace: number;
  perClass: Partial<Record<ExpressionLabel, ClassMetrics>>;
  /** rows = true label, columns = predicted label then "none" (no face) */
  confusion: { labels: ExpressionLabel[]; columns: string[]; matrix: number[][] };
  dissatisfied: BinaryMetrics;
  /** the SMS operating point: dissatisfied recall at precision ≥ 0.90 */
  dissatisfiedAtPrecision90: OperatingPoint;
}

export const SMS_MIN_PRECISION = 0.9;

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

/**
 * Sweeps the threshold down through the distinct scores (ties flagged together, never split) and keeps the
 * highest recall whose precision is still ≥ minPrecision.
 */
export function recallAtPrecision(
  scores: readonly number[],
  positive: readonly boolean[],
  minPrecision: number,
): OperatingPoint {
  const order = scores.map((s, i) => ({ s, p: positive[i] as boolean })).sort((a, b) => b.s - a.s);
  const positives = order.filter((o) => o.p).length;
  const best: OperatingPoint = { minPrecision, recall: 0, threshold: null, precision: null };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    const item = order[i] as { s: number; p: boolean };
    if (item.p) tp++;
    else fp++;
    const next = order[i + 1];
    if (next && next.s === item.s) continue;
    const precision = tp / (tp + fp);
    if (positives > 0 && precision >= minPrecision && tp / positives > best.recall) {
      Object.assign(best, { recall: tp / positives, threshold: item.s, precision });
    }
  }
  return best;
}

function macroF1(perClass: EvalMetrics["perClass"]): number | null {
  const f1s = Object.values(perClass)
    .filter((m) => m.n > 0)
    .map((m) => {
      const p = m.precision ?? 0;
      const r = m.recall ?? 0;
      return p + r > 0 ? (2 * p * r) / (p + r) : 0;
    });
  return f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null;
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
    macroF1: macroF1(perClass),
    noFace: records.filter((r) => r.predicted === null).length,
    perClass,
    confusion: { labels, columns, matrix },
    dissatisfied: binaryDissatisfiedMetrics(records, threshold),
    dissatisfiedAtPrecision90: recallAtPrecision(
      records.map((r) => r.dissatisfied ?? 0),
      records.map((r) => isDissatisfiedLabel(r.truth)),
      SMS_MIN_PRECISION,
    ),
  };
}
