import { HailongError } from "@hailong/common";
import type { Command } from "commander";

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new HailongError("HAILONG_ERR_USAGE", `${name} must be a positive integer`);
  return n;
}

function modelSet(value: string): "auto" | "offline" | "both" {
  if (!["auto", "offline", "both"].includes(value)) {
    throw new HailongError("HAILONG_ERR_USAGE", "--models must be auto, offline or both");
  }
  return value as "auto" | "offline" | "both";
}

/** Adds `hailong bench pipeline` and `hailong bench counters` to the shared `bench` command (created if no other
 * package made it). */
export function registerPipelineBenchCommand(program: Command): void {
  const bench =
    program.commands.find((c) => c.name() === "bench") ??
    program.command("bench").description("print speed figures (never asserted in tests)");
  registerCountersBench(bench);
  bench
    .command("pipeline")
    .description("edge pipeline frames/s and CPU ms per frame at 720p/1080p, vs @vladmandic/human (wasm)")
    .option("--frames <dir>", "photos to cut one face from (default: face-api demo samples)")
    .option("--iterations <n>", "timed frames per row", "20")
    .option("--models <set>", "auto | offline | both", "both")
    .option("--threads <n>", "intra-op threads per ONNX model", "1")
    .option("--no-human", "skip the @vladmandic/human comparison")
    .option("--no-lean-memory", "start the agent child without MALLOC_ARENA_MAX=2 (glibc's default arenas)")
    .action(
      async (options: {
        frames?: string;
        iterations: string;
        models: string;
        threads: string;
        human: boolean;
        leanMemory: boolean;
      }) => {
        const iterations = positiveInt("--iterations", options.iterations);
        const threads = positiveInt("--threads", options.threads);
        const models = modelSet(options.models);
        const { runPipelineBench } = await import("./pipeline-bench.js");
        await runPipelineBench({
          iterations,
          threads,
          models,
          human: options.human,
          leanMemory: options.leanMemory,
          ...(options.frames ? { frames: options.frames } : {}),
        });
      },
    );
}

function registerCountersBench(bench: Command): void {
  bench
    .command("counters")
    .description("N counters replaying real video through ffmpeg in real time: CPU ms per counter-second, vs Human")
    .requiredOption("--video <files...>", "video files the counters replay (round robin), looping")
    .option("--counters <n>", "counters in the one agent process", "8")
    .option("--fps <n>", "frames per second each counter samples", "5")
    .option("--seconds <n>", "measured wall time, after a warm-up", "30")
    .option("--warmup <n>", "seconds before measuring (models loaded, ffmpeg started)", "5")
    .option("--models <set>", "auto | offline | both", "both")
    .option("--threads <n>", "intra-op threads per ONNX model", "1")
    .option("--width <px>", "ffmpeg scales frames to this width (0: source size)", "0")
    .option("--human-frames <n>", "frames per video @vladmandic/human analyses (0: skip)", "20")
    .action(
      async (options: {
        video: string[];
        counters: string;
        fps: string;
        seconds: string;
        warmup: string;
        models: string;
        threads: string;
        width: string;
        humanFrames: string;
      }) => {
        const width = Number(options.width);
        const humanFrames = Number(options.humanFrames);
        if (!Number.isInteger(width) || width < 0) throw new HailongError("HAILONG_ERR_USAGE", "--width must be ≥ 0");
        if (!Number.isInteger(humanFrames) || humanFrames < 0)
          throw new HailongError("HAILONG_ERR_USAGE", "--human-frames must be ≥ 0");
        const { runCountersBench } = await import("./counters-bench.js");
        await runCountersBench({
          counters: positiveInt("--counters", options.counters),
          fps: positiveInt("--fps", options.fps),
          seconds: positiveInt("--seconds", options.seconds),
          warmupSeconds: positiveInt("--warmup", options.warmup),
          models: modelSet(options.models),
          threads: positiveInt("--threads", options.threads),
          videos: options.video,
          humanFrames,
          ...(width > 0 ? { counter: { camera: { width } } } : {}),
        });
      },
    );
}
