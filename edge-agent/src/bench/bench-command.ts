import { HailongError } from "@hailong/common";
import type { Command } from "commander";

/** Adds `hailong bench pipeline` to the shared `bench` command (created if no other package made it). */
export function registerPipelineBenchCommand(program: Command): void {
  const bench =
    program.commands.find((c) => c.name() === "bench") ??
    program.command("bench").description("print speed figures (never asserted in tests)");
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
        const iterations = Number(options.iterations);
        const threads = Number(options.threads);
        if (!Number.isInteger(iterations) || iterations < 1)
          throw new HailongError("HAILONG_ERR_USAGE", "--iterations must be a positive integer");
        if (!Number.isInteger(threads) || threads < 1)
          throw new HailongError("HAILONG_ERR_USAGE", "--threads must be a positive integer");
        if (!["auto", "offline", "both"].includes(options.models)) {
          throw new HailongError("HAILONG_ERR_USAGE", "--models must be auto, offline or both");
        }
        const { runPipelineBench } = await import("./pipeline-bench.js");
        await runPipelineBench({
          iterations,
          threads,
          models: options.models as "auto" | "offline" | "both",
          human: options.human,
          leanMemory: options.leanMemory,
          ...(options.frames ? { frames: options.frames } : {}),
        });
      },
    );
}
