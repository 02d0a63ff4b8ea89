import { describe, expect, it } from "vitest";
import { defaultBenchImage } from "../src/bench/bench-input.js";
import { benchModels } from "../src/bench/bench-models.js";

// Row structure only: timings are printed by `hailong bench models`, never asserted.
describe("benchModels on the real mini-Xception ONNX model", () => {
  it("gives one row per threads × batch, batch 8 in one call since its batch dimension is dynamic", async () => {
    const rows = await benchModels({
      ids: ["emotion-minixception"],
      iterations: 3,
      threads: [1],
      batches: [1, 8],
      image: defaultBenchImage(),
    });
    expect(rows.map((r) => [r.model, r.threads, r.batchLabel, r.tensorBatch, r.callsPerSample])).toEqual([
      ["emotion-minixception", 1, "1", 1, 1],
      ["emotion-minixception", 1, "8", 8, 1],
    ]);
    for (const r of rows) {
      expect(r.runtime).toBe("onnxruntime-node");
      expect(r.iterations).toBe(3);
      expect(r.calls).toBe(3);
      expect(r.medianMsPerCall).toBeGreaterThan(0);
      expect(r.p99MsPerCall).toBeGreaterThanOrEqual(r.medianMsPerCall);
      expect(r.msPerImage).toBeGreaterThan(0);
    }
  }, 60_000);
});
