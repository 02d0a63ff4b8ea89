import { describe, expect, it } from "vitest";
import { type BenchRow, formatBenchTable } from "./bench-report.js";

const row = (over: Partial<BenchRow>): BenchRow => ({
  runtime: "onnxruntime-node",
  model: "blazeface-front",
  threads: 1,
  batch: 8,
  batchLabel: "8×1 (static batch)",
  tensorBatch: 1,
  callsPerSample: 8,
  iterations: 3,
  medianMsPerCall: 1.234,
  p99MsPerCall: 9.5,
  msPerImage: 1.5,
  calls: 24,
  ...over,
});

describe("formatBenchTable", () => {
  it("prints one aligned line per row with the static-batch label and the Human environment", () => {
    const text = formatBenchTable({
      iterations: 3,
      image: "sample1.jpg",
      rows: [row({}), row({ runtime: "human tfjs-wasm", model: "human emotion", batch: 1, batchLabel: "1" })],
      human: {
        environment: {
          version: "3.3.6",
          backend: "wasm",
          wasmThreads: 1,
          multithreadSupported: false,
          simdSupported: true,
        },
      },
    });
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^runtime\s+model\s+threads\s+batch\s+median ms\/call\s+p99 ms\/call\s+ms\/image$/);
    expect(lines[2]).toMatch(/blazeface-front\s+1\s+8×1 \(static batch\)\s+1\.23\s+9\.50\s+1\.50$/);
    expect(lines[3]).toMatch(/^human tfjs-wasm\s+human emotion/);
    expect(new Set(lines.slice(0, 4).map((l) => l.length)).size).toBe(1);
    expect(text).toContain("1 wasm thread(s), multithread not available in Node");
    expect(text).toContain("p99 is nearest-rank");
  });

  it("says when the Human comparison failed", () => {
    const text = formatBenchTable({ iterations: 3, image: "x.jpg", rows: [row({})], human: { error: "boom" } });
    expect(text).toContain("Human comparison failed: boom");
  });
});
