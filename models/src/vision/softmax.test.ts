import { describe, expect, it } from "vitest";
import { sigmoid, softmax } from "./softmax.js";

describe("softmax", () => {
  it("turns logits into probabilities that sum to 1, preserving order", () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeCloseTo(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
    expect(p[2]).toBeGreaterThan(p[1] as number);
  });
  it("stays finite for huge logits", () => {
    const p = softmax([1000, 1000]);
    expect(p).toEqual([0.5, 0.5]);
  });
  it("sigmoid(0) is one half", () => {
    expect(sigmoid(0)).toBe(0.5);
  });
});
