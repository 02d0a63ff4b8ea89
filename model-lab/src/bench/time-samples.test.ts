import { describe, expect, it } from "vitest";
import { timeSamples, WARMUP_SAMPLES } from "./time-samples.js";

describe("timeSamples", () => {
  it("runs warm-up samples untimed and sums each sample's calls", async () => {
    let calls = 0;
    const t = await timeSamples(
      () => {
        calls++;
      },
      3,
      4,
    );
    expect(calls).toBe((4 + WARMUP_SAMPLES) * 3);
    expect(t.callMs).toHaveLength(12);
    expect(t.sampleMs).toHaveLength(4);
    const first = t.callMs.slice(0, 3).reduce((a, b) => a + b, 0);
    expect(t.sampleMs[0]).toBeCloseTo(first, 9);
  });
});
