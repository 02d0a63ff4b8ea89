import { createLogger, HailongError, parseCountList, parsePositiveInt } from "@hailong/common";
import { chooseDefaultModels, DEFAULT_DISSATISFIED_THRESHOLD } from "@hailong/models";
import type { EvalCliOptions, PrepVideoCliOptions } from "./cli.js";
import { formatEvalReport } from "./eval/format-report.js";
import { runEval } from "./eval/run-eval.js";
import { buildVideoSegmentsTree } from "./eval/video-segments-tree.js";

function parseNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new HailongError("HAILONG_ERR_USAGE", `${name} must be a number, got "${value}"`);
  return n;
}

/** Heavy parts of the lab's CLI, imported lazily by cli.ts so `hailong --help` stays fast. */
export async function prepVideoCommand(options: PrepVideoCliOptions): Promise<void> {
  const fps = parseNumber(options.fps, "--fps", 24);
  const marginS = parseNumber(options.margin, "--margin", 0.25);
  if (fps <= 0 || marginS < 0) throw new HailongError("HAILONG_ERR_USAGE", "--fps must be > 0 and --margin >= 0");
  const { dir } = await buildVideoSegmentsTree(options.video, options.segments, { fps, marginS });
  process.stdout.write(`${dir}\n`);
}

export async function evalCommand(options: EvalCliOptions): Promise<void> {
  const defaults = await chooseDefaultModels();
  const log = createLogger({ name: "eval" });
  const report = await runEval({
    data: options.data,
    cropped: options.cropped ?? false,
    onFrame: options.onFrame ?? false,
    detector: options.detector ?? defaults.detector,
    expression: options.model ?? defaults.expression,
    flipTta: options.flip ?? false,
    ...(options.include ? { include: options.include } : {}),
    threshold: parseNumber(options.threshold, "--threshold", DEFAULT_DISSATISFIED_THRESHOLD),
    threads: parseNumber(options.threads, "--threads", 1),
    log,
  });
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatEvalReport(report)}\n`);
}

export async function benchCommand(
  ids: string[],
  options: { iterations: string; threads: string; batch: string; human: boolean; json?: boolean },
): Promise<void> {
  const { runBench } = await import("./bench/run-bench.js");
  const { formatBenchTable } = await import("./bench/bench-report.js");
  const report = await runBench({
    ids,
    iterations: parsePositiveInt(options.iterations, "--iterations"),
    threads: parseCountList(options.threads, "--threads"),
    batches: parseCountList(options.batch, "--batch"),
    human: options.human,
  });
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatBenchTable(report)}\n`);
}
