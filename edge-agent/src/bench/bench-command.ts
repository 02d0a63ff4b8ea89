import { HailongError, parsePositiveInt } from "@hailong/common";
import type { Command } from "commander";
import { type AnalysisOptions, AnalysisSchema } from "../config/schema.js";
import { AGENT_START_SETTINGS } from "./fork-bench-child.js";
import type { LoadHumanRunner } from "./human-runner.js";

function modelSet(value: string): "auto" | "offline" | "both" {
  if (!["auto", "offline", "both"].includes(value)) {
    throw new HailongError("HAILONG_ERR_USAGE", "--models must be auto, offline or both");
  }
  return value as "auto" | "offline" | "both";
}

/** Adds `hailong bench pipeline` and `hailong bench counters` to the shared `bench` command (created if no other
 * package made it). `loadHuman` provides their @vladmandic/human comparison. */
export function registerPipelineBenchCommand(program: Command, loadHuman?: LoadHumanRunner): void {
  const bench =
    program.commands.find((c) => c.name() === "bench") ??
    program.command("bench").description("print speed figures (never asserted in tests)");
  registerCountersBench(bench, loadHuman);
  bench
    .command("pipeline")
    .description("edge pipeline frames/s and CPU ms per frame at 720p/1080p, vs @vladmandic/human (wasm)")
    .option("--frames <dir>", "photos to cut one face from (default: face-api demo samples)")
    .option("--iterations <n>", "timed frames per row", "20")
    .option("--models <set>", "auto | offline | both", "both")
    .option("--threads <n>", "intra-op threads per ONNX model", "1")
    .option("--no-human", "skip the @vladmandic/human comparison")
    .option(
      "--no-lean-memory",
      `start the agent child without the deployment line's settings (${AGENT_START_SETTINGS})`,
    )
    .action(
      async (options: {
        frames?: string;
        iterations: string;
        models: string;
        threads: string;
        human: boolean;
        leanMemory: boolean;
      }) => {
        const iterations = parsePositiveInt(options.iterations, "--iterations");
        const threads = parsePositiveInt(options.threads, "--threads");
        const models = modelSet(options.models);
        const { runPipelineBench } = await import("./pipeline-bench.js");
        await runPipelineBench({
          iterations,
          threads,
          models,
          human: options.human,
          ...(loadHuman ? { loadHuman } : {}),
          leanMemory: options.leanMemory,
          ...(options.frames ? { frames: options.frames } : {}),
        });
      },
    );
}

/** Cadence that analyses every frame at any camera fps (the agent before adaptive cadence), for comparison. */
const EVERY_FRAME = { idleDetectFps: 60, detectFps: 60, classifyFps: 60, driftThreshold: 0, roiSearchFps: 60 };

function roiRect(value: string): number[][] {
  const n = value.split(",").map(Number);
  const [x0, y0, x1, y1] = n as [number, number, number, number];
  if (n.length !== 4 || n.some((v) => !(v >= 0 && v <= 1)) || x1 <= x0 || y1 <= y0) {
    throw new HailongError("HAILONG_ERR_USAGE", "--roi must be x0,y0,x1,y1 with 0 ≤ x0 < x1 ≤ 1 and 0 ≤ y0 < y1 ≤ 1");
  }
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** `--analysis detectFps=1,classifyFps=2`: cadence settings to compare, checked against the agent config's schema. */
function analysisOverrides(value: string): Partial<AnalysisOptions> {
  if (value.trim() === "") return {};
  const entries = value.split(",").map((pair) => {
    const [key, raw] = pair.split("=");
    return [key?.trim(), Number(raw)];
  });
  const parsed = AnalysisSchema.partial().strict().safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HailongError(
      "HAILONG_ERR_USAGE",
      `--analysis ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data;
}

function registerCountersBench(bench: Command, loadHuman?: LoadHumanRunner): void {
  bench
    .command("counters")
    .description("N counters replaying real video through ffmpeg in real time: CPU ms per counter-second, vs Human")
    .requiredOption("--video <files...>", "video files the counters replay (round robin), looping")
    .option("--counters <n>", "counters in the one agent process", "8")
    .option("--fps <n>", "frames per second each counter samples", "5")
    .option("--seconds <n>", "measured wall time, after a warm-up", "30")
    .option("--warmup <n>", "seconds before measuring (models loaded, ffmpeg started)", "5")
    .option("--models <set>", "auto | offline | both", "both")
    .option("--detector <id>", "face detector of the set measured in place of the auto choice")
    .option("--model <id...>", "expression model(s) of the set measured in place of the auto choice (ensembled)")
    .option("--threads <n>", "intra-op threads per ONNX model", "1")
    .option("--max-batch <n>", "the most faces one classification run takes (agent config models.maxBatch)")
    .option("--width <px>", "ffmpeg scales frames to this width (0: source size)", "0")
    .option("--human-frames <n>", "frames per video @vladmandic/human analyses (0: skip)", "20")
    .option("--roi <x0,y0,x1,y1>", "every counter's ROI as a rectangle in frame fractions (default: whole frame)")
    .option("--no-realtime", "frames as fast as the agent takes them, not paced: CPU per frame on a busy machine")
    .option("--every-frame", "run detection and classification on every frame (no adaptive cadence)")
    .option("--analysis <key=value,...>", "analysis cadence settings (agent config `analysis`), e.g. detectFps=1")
    .action(
      async (options: {
        video: string[];
        counters: string;
        fps: string;
        seconds: string;
        warmup: string;
        models: string;
        detector?: string;
        model?: string[];
        threads: string;
        maxBatch?: string;
        width: string;
        humanFrames: string;
        roi?: string;
        everyFrame?: boolean;
        analysis?: string;
        realtime: boolean;
      }) => {
        const width = Number(options.width);
        const humanFrames = Number(options.humanFrames);
        if (!Number.isInteger(width) || width < 0) throw new HailongError("HAILONG_ERR_USAGE", "--width must be ≥ 0");
        if (!Number.isInteger(humanFrames) || humanFrames < 0)
          throw new HailongError("HAILONG_ERR_USAGE", "--human-frames must be ≥ 0");
        if (options.detector && !options.model)
          throw new HailongError("HAILONG_ERR_USAGE", "--detector needs --model (the set's expression models)");
        const { runCountersBench } = await import("./counters-bench.js");
        await runCountersBench({
          counters: parsePositiveInt(options.counters, "--counters"),
          fps: parsePositiveInt(options.fps, "--fps"),
          seconds: parsePositiveInt(options.seconds, "--seconds"),
          warmupSeconds: parsePositiveInt(options.warmup, "--warmup"),
          models: modelSet(options.models),
          ...(options.model
            ? { modelSet: { expression: options.model, ...(options.detector ? { detector: options.detector } : {}) } }
            : {}),
          threads: parsePositiveInt(options.threads, "--threads"),
          ...(options.maxBatch ? { maxBatch: parsePositiveInt(options.maxBatch, "--max-batch") } : {}),
          videos: options.video,
          humanFrames,
          ...(loadHuman ? { loadHuman } : {}),
          counter: {
            camera: width > 0 ? { width } : {},
            ...(options.roi ? { tuning: { roi: roiRect(options.roi) } } : {}),
          },
          realtime: options.realtime,
          ...(options.everyFrame || options.analysis
            ? { analysis: { ...(options.everyFrame ? EVERY_FRAME : {}), ...analysisOverrides(options.analysis ?? "") } }
            : {}),
        });
      },
    );
}
