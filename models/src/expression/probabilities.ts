import { DISSATISFIED_LABELS, EXPRESSION_LABELS, type ExpressionLabel } from "../manifest.js";
import type { ExpressionProbabilities } from "../types.js";
import { softmax } from "../vision/softmax.js";

/** Maps a model's output vector (in its label order) to named probabilities, applying softmax to logits. */
export function toExpressionProbabilities(
  labels: readonly ExpressionLabel[],
  output: ArrayLike<number>,
  activation: "softmax" | "logits",
): ExpressionProbabilities {
  if (output.length !== labels.length) {
    throw new Error(`model gave ${output.length} outputs for ${labels.length} labels`);
  }
  let probs = activation === "logits" ? softmax(output) : Array.from(output);
  const sum = probs.reduce((s, p) => s + p, 0);
  // Softmax-activated exports still drift from 1 by float error; renormalise so downstream sums are exact.
  if (sum > 0) probs = probs.map((p) => p / sum);
  const result: ExpressionProbabilities = {};
  labels.forEach((label, i) => {
    result[label] = probs[i] as number;
  });
  return result;
}

/** P(angry ∪ disgust ∪ contempt) over the labels the model predicts. */
export function dissatisfiedProbability(probs: ExpressionProbabilities): number {
  return DISSATISFIED_LABELS.reduce((s, label) => s + (probs[label] ?? 0), 0);
}

export function topLabel(probs: ExpressionProbabilities): ExpressionLabel {
  let best: ExpressionLabel = "neutral";
  let bestP = Number.NEGATIVE_INFINITY;
  for (const label of EXPRESSION_LABELS) {
    const p = probs[label];
    if (p !== undefined && p > bestP) {
      best = label;
      bestP = p;
    }
  }
  return best;
}

/**
 * Ensemble: keeps the labels every member predicts, renormalises each member over them, then averages —
 * equally, or by `weights` (one per member, any positive scale; measurements compare weightings with it).
 * (A label only one member knows, like contempt, cannot be averaged fairly, so it is dropped.)
 */
export function averageProbabilities(
  members: readonly ExpressionProbabilities[],
  weights?: readonly number[],
): ExpressionProbabilities {
  if (members.length === 0) throw new Error("averageProbabilities needs at least one member");
  if (weights && weights.length !== members.length) throw new Error("averageProbabilities needs one weight per member");
  const weightTotal = weights ? weights.reduce((s, w) => s + w, 0) : members.length;
  if (!(weightTotal > 0)) throw new Error("averageProbabilities needs a positive total weight");
  if (members.length === 1) return { ...(members[0] as ExpressionProbabilities) };
  const shared = EXPRESSION_LABELS.filter((label) => members.every((m) => m[label] !== undefined));
  const result: ExpressionProbabilities = {};
  for (const label of shared) result[label] = 0;
  for (const [i, member] of members.entries()) {
    const total = shared.reduce((s, label) => s + (member[label] ?? 0), 0);
    const weight = weights?.[i] ?? 1;
    for (const label of shared) {
      const share = total > 0 ? (member[label] ?? 0) / total : 1 / shared.length;
      // (share · 1) / n without weights: bit for bit the equal average
      result[label] = (result[label] ?? 0) + (share * weight) / weightTotal;
    }
  }
  return result;
}
