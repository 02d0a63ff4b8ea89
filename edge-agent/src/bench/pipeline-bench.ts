import { createRequire } from "node:module";
import path from "node:path";
import { OFFLINE_MODEL_CHOICE } from "@hailong/models";
import type { AgentBenchReply, AgentBenchRequest } from "./agent-bench-child.js";
import { makeOneFaceFrames } from "./bench-frames.js";
import { type BenchFigure, formatFigure, rssMb, timeRunner } from "./bench-timing.js";
import { AGENT_START_SETTINGS, runBenchChild } from "./fork-bench-child.js";
import { type LoadHumanRunner, requireHumanLoader } from "./human-runner.js";

export type { BenchFigure } from "./bench-timing.js";

export interface PipelineBenchOptions {
  /** photos to cut one face from (default: @vladmandic/face-api's demo samples) */
  frames?: string;
  iterations?: number;
  /** which model sets to run: the agent's auto choice, the npm-only offline set, or both */
  models?: "auto" | "offline" | "both";
  human?: boolean;
  /** loads the Human comparison (the CLI passes the model lab's); required unless human is false */
  loadHuman?: LoadHumanRunner;
  threads?: number;
  /** start the agent child like the README's deployment line (AGENT_MEMORY_ENV); false: glibc defaults */
  leanMemory?: boolean;
  out?: (line: string) => void;
}

type ModelSet = AgentBenchRequest["models"];

/** Runs one model set in a fresh child process holding only the agent's modules and models. */
function benchInChild(request: AgentBenchRequest, leanMemory: boolean): Promise<AgentBenchReply> {
  return runBenchChild(new URL("./agent-bench-child.ts", import.meta.url), request, { leanMemory });
}

/** `hailong bench pipeline`: frames/s and CPU ms per frame at 720p/1080p, hailong vs @vladmandic/human (wasm). */
export async function runPipelineBench(options: PipelineBenchOptions = {}): Promise<BenchFigure[]> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const iterations = options.iterations ?? 20;
  const require = createRequire(import.meta.url);
  const dir = options.frames ?? path.dirname(require.resolve("@vladmandic/face-api/demo/sample1.jpg"));
  const threads = options.threads ?? 1;
  const leanMemory = options.leanMemory ?? true;
  const sets: ModelSet[] = [];
  const which = options.models ?? "both";
  if (which !== "offline") sets.push({ detector: "auto", expression: "auto", threads, flipTta: false });
  if (which !== "auto") {
    sets.push({ ...OFFLINE_MODEL_CHOICE, threads });
  }
  const memory = leanMemory
    ? `started like a deployed agent (${AGENT_START_SETTINGS})`
    : "with glibc's default malloc arenas and V8's helper threads";
  out(`pipeline bench: ${iterations} frames per row, decode (sharp) included, one face per frame`);
  out(`hailong rows: one child process per model set, ${memory}; RSS = its peak after any frame`);
  const figures: BenchFigure[] = [];
  // Every runner gets the same frames, cut with the best installed detector.
  const { loadFaceAnalyzer } = await import("../vision/load-analyzer.js");
  const cutter = await loadFaceAnalyzer({ detector: "auto", expression: "auto", threads, flipTta: false });
  const frames = await makeOneFaceFrames(dir, cutter).finally(() => cutter.close());
  for (const frame of frames) {
    const f = await timeRunner("sharp JPEG decode only", frame, iterations, async () => 0);
    figures.push(f);
    out(formatFigure(f));
  }
  for (const models of sets) {
    const reply = await benchInChild({ models, frames, iterations }, leanMemory);
    if (!reply.ok) throw new Error(`agent bench child failed: ${reply.error}`);
    out(`${reply.label}: child RSS ${reply.rssAtStartMb} MB at start, ${reply.rssLoadedMb} MB with models loaded`);
    for (const f of reply.figures) {
      figures.push(f);
      out(formatFigure(f));
    }
  }
  if (options.human !== false) {
    const human = await requireHumanLoader(options.loadHuman)();
    for (const frame of frames) {
      const f = await timeRunner(`@vladmandic/human ${human.version} (${human.backend})`, frame, iterations, (image) =>
        human.analyze(image),
      );
      figures.push(f);
      out(formatFigure(f));
    }
  }
  out(`bench process RSS at end ${rssMb()} MB (frame maker, decode rows and Human; not the agent)`);
  return figures;
}
