import type { ExpressionLabel } from "@hailong/models";
import { describe, expect, it } from "vitest";
import { computeEvalMetrics, type EvalRecord, recallAtPrecision, rocAuc } from "./metrics.js";

const r = (truth: ExpressionLabel, predicted: ExpressionLabel | null, dissatisfied: number | null): EvalRecord => ({
  truth,
  predicted,
  dissatisfied,
});

describe("evaluation metrics", () => {
  // Hand-checked set: 6 images, one without a face, one contempt the model cannot predict.
  const records = [
    r("angry", "angry", 0.9),
    r("angry", "sad", 0.4),
    r("happy", "happy", 0.05),
    r("sad", "angry", 0.6),
    r("contempt", "disgust", 0.7),
    r("neutral", null, null),
  ];
  const m = computeEvalMetrics(records, 0.5);

  it("counts accuracy over every image; a no-face image and an unpredictable label are wrong", () => {
    expect(m.n).toBe(6);
    expect(m.correct).toBe(2);
    expect(m.accuracy).toBeCloseTo(2 / 6);
    expect(m.noFace).toBe(1);
  });
  it("builds the confusion matrix with a none column", () => {
    expect(m.confusion.labels).toEqual(["angry", "disgust", "happy", "sad", "neutral", "contempt"]);
    expect(m.confusion.columns.at(-1)).toBe("none");
    expect(m.confusion.matrix[0]).toEqual([1, 0, 0, 1, 0, 0, 0]); // angry row
    expect(m.confusion.matrix[4]).toEqual([0, 0, 0, 0, 0, 0, 1]); // neutral row: no face
    expect(m.confusion.matrix[5]).toEqual([0, 1, 0, 0, 0, 0, 0]); // contempt predicted as disgust
  });
  it("per-class precision and recall", () => {
    expect(m.perClass.angry).toEqual({ n: 2, predicted: 2, precision: 0.5, recall: 0.5 });
    expect(m.perClass.contempt).toEqual({ n: 1, predicted: 0, precision: null, recall: 0 });
    expect(m.perClass.disgust).toEqual({ n: 0, predicted: 1, precision: 0, recall: null });
  });
  it("binary dissatisfied metrics at the threshold", () => {
    // positives: angry, angry, contempt (3); flagged ≥ 0.5: 0.9 (angry), 0.6 (sad), 0.7 (contempt)
    const d = m.dissatisfied;
    expect(d.positives).toBe(3);
    expect(d.truePositives).toBe(2);
    expect(d.falsePositives).toBe(1);
    expect(d.precision).toBeCloseTo(2 / 3);
    expect(d.recall).toBeCloseTo(2 / 3);
    expect(d.f1).toBeCloseTo(2 / 3);
    // pairs (pos, neg): pos 0.9, 0.4, 0.7 vs neg 0.05, 0.6, 0 → wins 3 + 2 + 3 = 8 of 9
    expect(d.rocAuc).toBeCloseTo(8 / 9);
  });
  it("ROC AUC counts ties as one half and is null without both classes", () => {
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(rocAuc([0.1, 0.2, 0.9, 0.8], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.1], [false, false, true])).toBe(0);
    expect(rocAuc([0.3], [true])).toBeNull();
  });
  it("macro F1 averages per-class F1 over the classes present", () => {
    // angry P .5 R .5 → .5; happy 1/1 → 1; sad P 0 → 0; neutral, contempt 0; disgust has no true image
    expect(m.macroF1).toBeCloseTo((0.5 + 1 + 0 + 0 + 0) / 5);
  });
  it("reports the best dissatisfied recall whose precision stays at or above 0.90", () => {
    // scores high→low: 0.9 angry ✓, 0.7 contempt ✓, 0.6 sad ✗ → precision 2/3 from there on
    expect(m.dissatisfiedAtPrecision90).toEqual({ minPrecision: 0.9, recall: 2 / 3, threshold: 0.7, precision: 1 });
  });
  it("never splits tied scores and gives recall 0 with no threshold when the precision is out of reach", () => {
    // the tie at 0.8 holds one positive and one negative: taking it drops precision to 2/3
    expect(recallAtPrecision([0.9, 0.8, 0.8, 0.1], [true, true, false, true], 0.9)).toEqual({
      minPrecision: 0.9,
      recall: 1 / 3,
      threshold: 0.9,
      precision: 1,
    });
    expect(recallAtPrecision([0.9, 0.2], [false, true], 0.9)).toEqual({
      minPrecision: 0.9,
      recall: 0,
      threshold: null,
      precision: null,
    });
  });
});
