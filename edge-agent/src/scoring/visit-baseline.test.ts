import { describe, expect, it } from "vitest";
import { createVisitBaseline, liftedProbability, median, type VisitBaselineOptions } from "./visit-baseline.js";

const ON: VisitBaselineOptions = { windowMs: 2000, liftWeight: 1, floor: 0.05 };

/** Feeds p at 10 fps from t = 0 and returns the signal per frame. */
function play(options: VisitBaselineOptions, ps: readonly number[]): number[] {
  const baseline = createVisitBaseline(options);
  return ps.map((p, i) => baseline.observe(i * 100, p));
}

describe("per-visit baseline of P(dissatisfied)", () => {
  it("takes the median of the opening stretch, so one odd frame does not move it", () => {
    const baseline = createVisitBaseline(ON);
    for (const [i, p] of [0.1, 0.1, 0.9, 0.1, 0.1].entries()) baseline.observe(i * 400, p);
    expect(baseline.baseline()).toBeUndefined();
    baseline.observe(2000, 0.1);
    expect(baseline.baseline()).toBe(0.1);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it("passes the absolute probability through while the baseline is being learnt and when switched off", () => {
    const ps = [0.3, 0.35, 0.32];
    expect(play(ON, ps)).toEqual(ps);
    expect(play({ ...ON, liftWeight: 0 }, [...Array(20).fill(0.05), 0.3])).toEqual([...Array(20).fill(0.05), 0.3]);
  });

  it("a frown that rises from the citizen's own neutral crosses 0.4 though its absolute probability does not", () => {
    // CK+-like anger read as mostly sad: neutral 0.05 for 2 s, then 0.25 (absolute stays below 0.4)
    const signal = play(ON, [...Array(20).fill(0.05), ...Array(10).fill(0.25)]);
    expect(signal.at(-1)).toBeGreaterThan(0.4);
  });

  it("never scores below the absolute probability: an angry arrival is caught on the absolute level", () => {
    const signal = play(ON, [...Array(20).fill(0.7), 0.6, 0.8]);
    expect(signal.slice(0, 21)).toEqual([...Array(20).fill(0.7), 0.6]);
    expect(signal[21]).toBeGreaterThan(0.8);
  });

  it("a fall below the baseline adds nothing, and the floor keeps a near-zero opening from inflating flickers", () => {
    expect(liftedProbability(0.02, 0.1, ON)).toBeCloseTo(0.02, 10);
    // opening 0.001: without the floor a flicker to 0.05 would read as a steep rise
    expect(liftedProbability(0.05, 0.001, ON)).toBeCloseTo(0.05, 10);
    expect(liftedProbability(0.1, 0.001, ON)).toBeLessThan(liftedProbability(0.1, 0.001, { ...ON, floor: 0.001 }));
  });
});
