import { describe, expect, it } from "vitest";
import { createIncidentDetector } from "./incident-detector.js";
import { createScoreWindows } from "./score-window.js";

describe("score windows", () => {
  it("aligns windows to multiples of the window length and reports empty ones with a null score", () => {
    const windows = createScoreWindows(10_000);
    expect(windows.advance(12_000)).toEqual([]);
    windows.observe("v1", "satisfied", 75, 1000);
    windows.addObservedMs(1000);
    const closed = windows.advance(31_000);
    expect(closed.map((w) => [w.windowStart, w.windowEnd])).toEqual([
      [10_000, 20_000],
      [20_000, 30_000],
    ]);
    expect(closed[0]).toMatchObject({ visits: 1, observedMs: 1000, score: 75, shares: { satisfied: 1 } });
    expect(closed[1]).toMatchObject({ visits: 0, observedMs: 0, score: null });
    expect(windows.flush(35_000).map((w) => [w.windowStart, w.windowEnd])).toEqual([[30_000, 35_000]]);
  });

  it("after a long outage reports one catch-up window instead of thousands", () => {
    const windows = createScoreWindows(10_000);
    windows.advance(0);
    const closed = windows.advance(24 * 3600_000);
    expect(closed.length).toBeLessThanOrEqual(2);
    expect(closed.at(-1)?.windowEnd).toBe(24 * 3600_000);
  });
});

describe("incident detector", () => {
  const policy = { threshold: 0.5, dwellMs: 1000, hysteresis: 0.1, rearmMs: 500 };

  it("re-arms only after the signal stays below threshold − hysteresis for rearmMs", () => {
    const d = createIncidentDetector(policy);
    const feed = (from: number, to: number, p: number) => {
      const raised = [];
      for (let t = from; t <= to; t += 100) {
        const r = d.observe(t, p);
        if (r) raised.push(r);
      }
      return raised;
    };
    expect(feed(0, 1500, 0.8)).toHaveLength(1);
    // dips just under the threshold (inside the hysteresis band) do not re-arm
    expect(feed(1600, 2500, 0.45)).toHaveLength(0);
    expect(feed(2600, 4000, 0.8)).toHaveLength(0);
    // a real calm spell re-arms; the next episode raises again with its own onset
    expect(feed(4100, 4700, 0.2)).toHaveLength(0);
    const second = feed(4800, 6000, 0.9);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ onset: 4800, peak: 0.9, durationMs: 1000 });
  });
});
