import { describe, expect, it } from "vitest";
import { averageProbabilities, dissatisfiedProbability, toExpressionProbabilities, topLabel } from "./probabilities.js";

describe("expression probabilities", () => {
  it("maps a model's output order to labels and softmaxes logits", () => {
    const p = toExpressionProbabilities(["angry", "happy"], [0, Math.log(3)], "logits");
    expect(p.angry).toBeCloseTo(0.25);
    expect(p.happy).toBeCloseTo(0.75);
  });
  it("renormalises already-softmaxed outputs", () => {
    const p = toExpressionProbabilities(["sad", "neutral"], [0.3, 0.6], "softmax");
    expect(p.sad).toBeCloseTo(1 / 3);
  });
  it("rejects an output of the wrong length", () => {
    expect(() => toExpressionProbabilities(["sad"], [0.3, 0.6], "softmax")).toThrow(/2 outputs for 1 labels/);
  });
  it("dissatisfied = P(angry) + P(disgust) + P(contempt)", () => {
    expect(dissatisfiedProbability({ angry: 0.2, disgust: 0.1, contempt: 0.05, happy: 0.65 })).toBeCloseTo(0.35);
    expect(dissatisfiedProbability({ angry: 0.2, happy: 0.8 })).toBeCloseTo(0.2);
  });
  it("top label is the argmax", () => {
    expect(topLabel({ angry: 0.2, surprise: 0.5, fear: 0.3 })).toBe("surprise");
  });
  it("ensembles over shared labels only, renormalising each member", () => {
    const avg = averageProbabilities([
      { angry: 0.5, happy: 0.3, contempt: 0.2 },
      { angry: 0.2, happy: 0.8 },
    ]);
    expect(avg.contempt).toBeUndefined();
    expect(avg.angry).toBeCloseTo((0.5 / 0.8 + 0.2) / 2);
    expect((avg.angry ?? 0) + (avg.happy ?? 0)).toBeCloseTo(1);
  });
  it("weights members when asked; equal weights of any scale are the plain average", () => {
    const members = [
      { angry: 0.6, happy: 0.4 },
      { angry: 0.2, happy: 0.8 },
    ];
    expect(averageProbabilities(members, [3, 1]).angry).toBeCloseTo((3 * 0.6 + 0.2) / 4);
    expect(averageProbabilities(members, [2, 2])).toEqual(averageProbabilities(members));
    expect(() => averageProbabilities(members, [1])).toThrow(/one weight per member/);
    expect(() => averageProbabilities(members, [0, 0])).toThrow(/positive total weight/);
  });
});
