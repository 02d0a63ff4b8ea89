import { describe, expect, it } from "vitest";
import { EXPRESSIONS } from "../pipeline/synthetic-faces.js";
import { createLevelTally, levelOfScore, mapExpression } from "./satisfaction.js";
import { createEma, createLevelHysteresis, emaAlpha } from "./smoothing.js";

describe("satisfaction mapping", () => {
  it("maps a broad smile to very satisfied and a faint friendly one to satisfied", () => {
    const broad = mapExpression(EXPRESSIONS.happy);
    expect(levelOfScore(broad.score)).toBe("very_satisfied");
    expect(broad.score).toBeGreaterThan(90);
    const faint = mapExpression(EXPRESSIONS.slightSmile);
    expect(levelOfScore(faint.score)).toBe("satisfied");
    expect(levelOfScore(mapExpression({ happy: 0.3, neutral: 0.7 }).score)).toBe("neutral");
  });

  it("puts each score in the band of the nearest level's points", () => {
    expect([0, 24.9, 25, 62.4, 62.5, 87.4, 87.5, 100].map(levelOfScore)).toEqual([
      "dissatisfied",
      "dissatisfied",
      "neutral",
      "neutral",
      "satisfied",
      "satisfied",
      "very_satisfied",
      "very_satisfied",
    ]);
  });

  it("maps angry+disgust+contempt to dissatisfied with a score near 0", () => {
    const angry = mapExpression({ angry: 0.5, disgust: 0.2, contempt: 0.2, neutral: 0.1 });
    expect(angry.levels.dissatisfied).toBeCloseTo(0.9);
    expect(levelOfScore(angry.score)).toBe("dissatisfied");
    expect(angry.score).toBeLessThan(10);
  });

  it("keeps neutral at 50 and lets sad/fear/surprise stay neutral, sad/fear scoring lower", () => {
    expect(mapExpression({ neutral: 1 }).score).toBe(50);
    const sad = mapExpression(EXPRESSIONS.sad);
    expect(levelOfScore(sad.score)).toBe("neutral");
    expect(sad.score).toBeCloseTo(34, 0);
    const surprise = mapExpression({ surprise: 1 });
    expect(levelOfScore(surprise.score)).toBe("neutral");
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
    expect(tally.overallLevel()).toBe("neutral");
  });

  it("gives a visit smiling broadly 40 % of the time and neutral otherwise the overall level satisfied", () => {
    const tally = createLevelTally();
    tally.add("very_satisfied", 100, 400);
    tally.add("neutral", 50, 600);
    expect(tally.score()).toBe(70);
    expect(tally.overallLevel()).toBe("satisfied");
    expect(tally.shares().neutral).toBeCloseTo(0.6);
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

  it("holds the level until the score leaves its band by the margin", () => {
    const h = createLevelHysteresis(0.05);
    expect(h.update(55)).toBe("neutral");
    expect(h.update(64)).toBe("neutral");
    expect(h.update(68)).toBe("satisfied");
    expect(h.update(59)).toBe("satisfied");
    expect(h.update(57)).toBe("neutral");
    expect(h.update(95)).toBe("very_satisfied");
    expect(h.update(84)).toBe("very_satisfied");
    expect(h.update(20)).toBe("dissatisfied");
  });
});
