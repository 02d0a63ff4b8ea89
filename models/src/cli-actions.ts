import { createLogger, HailongError } from "@hailong/common";
import { chooseDefaultModels, DEFAULT_DISSATISFIED_THRESHOLD } from "./analyzer/defaults.js";
import type { EvalCliOptions, PrepVideoCliOptions } from "./cli.js";
import { formatEvalReport } from "./eval/format-report.js";
import { runEval } from "./eval/run-eval.js";
import { buildVideoSegmentsTree } from "./eval/video-segments-tree.js";
import { CONVERTED_MODEL_IDS, DOWNLOADABLE_MODELS } from "./registry/catalogue.js";
import { fetchModels } from "./registry/fetch-models.js";
import { defaultModelsDir } from "./registry/paths.js";
import { isInstalled } from "./registry/resolve-model.js";

/** Heavy parts of the models CLI, imported lazily by cli.ts so `hailong --help` stays fast. */
export async function listModels(): Promise<void> {
  for (const m of DOWNLOADABLE_MODELS) {
    const installed = await isInstalled(m.manifest.id);
    process.stdout.write(
      `${m.manifest.id.padEnd(24)} ${m.manifest.kind.padEnd(14)} download  ${installed ? "installed" : "missing (hailong models fetch)"}\n`,
    );
  }
  for (const id of CONVERTED_MODEL_IDS)
    process.stdout.write(`${id.padEnd(24)} ${"".padEnd(14)} npm       converted on first use\n`);
}

export async function fetchModelsCommand(ids: string[], mirror: string | undefined, modelsDir?: string): Promise<void> {
  const results = await fetchModels({ ids, modelsDir: modelsDir ?? defaultModelsDir(), ...(mirror ? { mirror } : {}) });
  for (const r of results) process.stdout.write(`${r.id}: ${r.from} -> ${r.path}\n`);
}

function parseNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new HailongError("HAILONG_ERR_USAGE", `${name} must be a number, got "${value}"`);
  return n;
}

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
  const { parseCountList, parsePositiveInt } = await import("./bench/bench-options.js");
  const report = await runBench({
    ids,
    iterations: parsePositiveInt(options.iterations, "--iterations"),
    threads: parseCountList(options.threads, "--threads"),
    batches: parseCountList(options.batch, "--batch"),
    human: options.human,
  });
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatBenchTable(report)}\n`);
}
