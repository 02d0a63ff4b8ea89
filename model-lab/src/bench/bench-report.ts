import type { TimingSummary } from "./bench-stats.js";

export type BenchRuntime = "onnxruntime-node" | "human tfjs-wasm";

export interface BenchRow extends TimingSummary {
  runtime: BenchRuntime;
  /** model id, or a labelled Human pipeline such as "human.detect(face+emotion)" */
  model: string;
  /** intra-op threads (onnxruntime) or the wasm backend's thread count (Human) */
  threads: number;
  batch: number;
  batchLabel: string;
  /** tensor batch per call and sequential calls per sample (8 and 1, or 1 and 8 for a static batch) */
  tensorBatch: number;
  callsPerSample: number;
  iterations: number;
}

export interface HumanEnvironment {
  version: string;
  backend: string;
  wasmThreads: number;
  multithreadSupported: boolean;
  simdSupported: boolean;
}

export interface BenchReport {
  iterations: number;
  image: string;
  rows: BenchRow[];
  /** absent with --no-human; `error` when Human could not be loaded or run */
  human?: { environment?: HumanEnvironment; error?: string };
}

const ms = (x: number): string => x.toFixed(2);

/** A plain-text table of the report, one row per model × threads × batch. */
export function formatBenchTable(report: BenchReport): string {
  const header = ["runtime", "model", "threads", "batch", "median ms/call", "p99 ms/call", "ms/image"];
  const body = report.rows.map((r) => [
    r.runtime,
    r.model,
    String(r.threads),
    r.batchLabel,
    ms(r.medianMsPerCall),
    ms(r.p99MsPerCall),
    ms(r.msPerImage),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i >= 4 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join("  ");
  const lines = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
  lines.push("");
  lines.push(`${report.iterations} timed samples per row after 3 warm-up samples; input: ${report.image}.`);
  lines.push(
    "A static-batch row (N×1) times N sequential calls per sample: ms/call is one call, ms/image the sample / N.",
  );
  lines.push("p99 is nearest-rank: with fewer than 100 timed calls in a row it is that row's slowest call.");
  if (report.human?.environment) {
    const e = report.human.environment;
    lines.push(
      `Human ${e.version} on tfjs backend "${e.backend}": ${e.wasmThreads} wasm thread(s), ` +
        `multithread ${e.multithreadSupported ? "available" : "not available in Node (tfjs disables wasm threads under Node)"}, ` +
        `SIMD ${e.simdSupported ? "on" : "off"}.`,
    );
  }
  if (report.human?.error) lines.push(`Human comparison failed: ${report.human.error}`);
  return lines.join("\n");
}
