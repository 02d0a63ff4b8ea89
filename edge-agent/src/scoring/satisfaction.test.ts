import { describe, expect, it } from "vitest";
import { EXPRESSIONS } from "../pipeline/synthetic-faces.js";
import { argmaxLevel, createLevelTally, mapExpression } from "./satisfaction.js";
import { createEma, createLevelHysteresis, emaAlpha } from "./smoothing.js";

describe("satisfaction mapping", () => {
  it("maps a broad smile to very satisfied and a faint one to satisfied/neutral", () => {
    const broad = mapExpression(EXPRESSIONS.happy);
    expect(argmaxLevel(broad.levels)).toBe("very_satisfied");
    expect(broad.score).toBeGreaterThan(90);
    const faint = mapExpression(EXPRESSIONS.slightSmile);
    expect(faint.levels.satisfied).toBeGreaterThan(faint.levels.very_satisfied);
    expect(faint.score).toBeGreaterThan(55);
    expect(faint.score).toBeLessThan(75);
  });

  it("maps angry+disgust+contempt to dissatisfied with a score near 0", () => {
    const angry = mapExpression({ angry: 0.5, disgust: 0.2, contempt: 0.2, neutral: 0.1 });
    expect(angry.levels.dissatisfied).toBeCloseTo(0.9);
    expect(argmaxLevel(angry.levels)).toBe("dissatisfied");
    expect(angry.score).toBeLessThan(10);
  });

  it("keeps neutral at 50 and lets sad/fear/surprise stay neutral, sad/fear scoring lower", () => {
    expect(mapExpression({ neutral: 1 }).score).toBe(50);
    const sad = mapExpression(EXPRESSIONS.sad);
    expect(argmaxLevel(sad.levels)).toBe("neutral");
    expect(sad.score).toBeCloseTo(34, 0);
    const surprise = mapExpression({ surprise: 1 });
    expect(argmaxLevel(surprise.levels)).toBe("neutral");
    expect(surprise.score).toBe(50);
  });

  it("sums level probabilities to 1 and renormalises partial label sets", () => {
    const m = mapExpression({ happy: 0.3, angry: 0.3 });
    const sum = Object.values(m.levels).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1);
    expect(m.levels.dissatisfied).toBeCloseTo(0.5);
  });

  it("tallies shares by observed time", () => {
    const tally = createLevelTally();
    expect(tally.shares()).toEqual({ very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 });
    tally.add("neutral", 50, 300);
    tally.add("dissatisfied", 0, 100);
    expect(tally.shares().neutral).toBeCloseTo(0.75);
    expect(tally.score()).toBeCloseTo(37.5);
    expect(tally.dominantLevel()).toBe("neutral");
  });
});

describe("EMA and hysteresis", () => {
  it("weights by elapsed time: one half-life moves half-way at any frame rate", () => {
    expect(emaAlpha(600, 600)).toBeCloseTo(0.5);
    for (const fps of [5, 10, 30]) {
      const ema = createEma(600);
      ema.update(0, [0]);
      let v: number[] = [];
      for (let t = 1000 / fps; t <= 600 + 1e-9; t += 1000 / fps) v = ema.update(t, [1]);
      expect(v[0]).toBeCloseTo(0.5, 5);
    }
  });

  it("holds the level until another beats it by the margin", () => {
    const h = createLevelHysteresis(0.1);
    const lv = (neutral: number, dissatisfied: number) => ({ very_satisfied: 0, satisfied: 0, neutral, dissatisfied });
    expect(h.update(lv(0.6, 0.4))).toBe("neutral");
    expect(h.update(lv(0.47, 0.53))).toBe("neutral");
    expect(h.update(lv(0.44, 0.56))).toBe("dissatisfied");
    expect(h.update(lv(0.53, 0.47))).toBe("dissatisfied");
    expect(h.update(lv(0.6, 0.4))).toBe("neutral");
  });
});
