import { describe, expect, it } from "vitest";
import { summariseTimings } from "./bench-stats.js";

describe("summariseTimings", () => {
  it("takes per-call median/p99 from the calls and ms/image from the median sample over its images", () => {
    // 3 samples of 2 sequential calls each (a static-batch model asked for batch 2)
    const calls = [1, 2, 3, 4, 5, 100];
    const samples = [3, 7, 105];
    const s = summariseTimings(calls, samples, 2);
    expect(s.medianMsPerCall).toBe(3);
    expect(s.p99MsPerCall).toBe(100);
    expect(s.msPerImage).toBe(3.5);
    expect(s.calls).toBe(6);
  });

  it("with one call per sample of batch 8, ms/image is the median call over 8", () => {
    const calls = [16, 8, 24];
    expect(summariseTimings(calls, calls, 8).msPerImage).toBe(2);
  });

  it("refuses an empty sample and a non-positive image count", () => {
    expect(() => summariseTimings([], [], 1)).toThrow(/empty/);
    expect(() => summariseTimings([1], [1], 0)).toThrow(/positive/);
  });
});
