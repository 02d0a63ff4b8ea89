import os from "node:os";
import { OFFLINE_MODEL_CHOICE, type RgbImage } from "@hailong/models";
import { frameImage } from "../camera/decode-frame.js";
import { createFfmpegSource } from "../camera/ffmpeg-source.js";
import type {
  CountersBenchReply,
  CountersBenchRequest,
  CountersBenchResult,
  MemoryBreakdown,
} from "./counters-bench-child.js";
import { runBenchChild } from "./fork-bench-child.js";
import { type LoadHumanRunner, requireHumanLoader } from "./human-runner.js";
import { ownCpuMs } from "./process-cpu.js";

export interface CountersBenchOptions {
  counters: number;
  fps: number;
  videos: string[];
  seconds: number;
  warmupSeconds?: number;
  /** false: frames as fast as the agent takes them (CPU per frame on a busy machine); default true */
  realtime?: boolean;
  /** the agent's auto choice, the npm-only offline set, or both */
  models?: "auto" | "offline" | "both";
  /** an explicit set measured in place of the auto choice (ids as in the agent config, e.g. `hailong eval`'s) */
  modelSet?: { detector?: string; expression: string[] };
  threads?: number;
  /** the agent config's models.maxBatch (1: no batching across counters, to compare) */
  maxBatch?: number;
  /** frames per video Human analyses (0: skip Human) */
  humanFrames?: number;
  /** loads the Human comparison (the CLI passes the model lab's); required unless humanFrames is 0 */
  loadHuman?: LoadHumanRunner;
  /** extra counter config (camera width, tuning) for every bench counter */
  counter?: Record<string, unknown>;
  /** the agent's analysis section (cadence); schema defaults when absent */
  analysis?: Record<string, unknown>;
  out?: (line: string) => void;
}

export interface CountersBenchFigures extends CountersBenchResult {
  /** agent process CPU per frame taken × fps: per counter per second of real time */
  agentMsPerCounterSecond: number;
  /** the ffmpeg decoders' CPU, per counter per second */
  ffmpegMsPerCounterSecond: number;
  /** counters one core keeps in real time at this cost (agent process only; with ffmpeg beside it) */
  countersPerCore: number;
  countersPerCoreWithFfmpeg: number;
}

export interface HumanFigure {
  version: string;
  frames: number;
  cpuMsPerFrame: number;
  msPerCounterSecond: number;
}

/**
 * The agent's cost is per frame it took × fps: on a busy machine a counter that falls behind drops frames and
 * would otherwise look cheaper. ffmpeg decodes every frame of the stream whatever the agent takes, so its cost is
 * per wall second.
 */
function figures(result: CountersBenchResult, fps: number, realtime: boolean): CountersBenchFigures {
  const agent = (result.agentCpuMs / Math.max(1, result.analysed)) * fps;
  const ffmpeg = realtime
    ? result.ffmpegCpuMs / result.counters / result.seconds
    : (result.ffmpegCpuMs / Math.max(1, result.captured)) * fps;
  return {
    ...result,
    agentMsPerCounterSecond: agent,
    ffmpegMsPerCounterSecond: ffmpeg,
    countersPerCore: Math.floor(1000 / agent),
    countersPerCoreWithFfmpeg: Math.floor(1000 / (agent + ffmpeg)),
  };
}

/** The frames a counter analyses: `count` frames of each video at fps, as ffmpeg hands them to the agent. */
async function sampleFrames(videos: string[], fps: number, count: number): Promise<RgbImage[]> {
  const images: RgbImage[] = [];
  for (const url of videos) {
    const source = createFfmpegSource({ url, fps, realtime: false, startTs: 0 });
    let taken = 0;
    // Leaving the loop stops the generator, which stops ffmpeg.
    for await (const frame of source.frames(new AbortController().signal)) {
      const decoded = await frameImage(frame);
      if (decoded.ok) images.push(decoded.image);
      if (++taken >= count) break;
    }
  }
  return images;
}

/** @vladmandic/human (wasm) on the same frames, in this process: CPU per frame (all threads), after a warm-up. */
async function benchHuman(images: RgbImage[], fps: number, load: LoadHumanRunner): Promise<HumanFigure> {
  const human = await load();
  for (const image of images.slice(0, 2)) await human.analyze(image);
  const started = ownCpuMs();
  for (const image of images) await human.analyze(image);
  const cpuMsPerFrame = (ownCpuMs() - started) / images.length;
  return {
    version: `${human.version} (${human.backend})`,
    frames: images.length,
    cpuMsPerFrame,
    msPerCounterSecond: cpuMsPerFrame * fps,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

function formatFigures(f: CountersBenchFigures, fps: number, realtime: boolean): string[] {
  const expected = f.counters * fps * f.seconds;
  const perCounterSecond = (n: number) => round(n / f.counters / Math.max(0.001, f.seconds));
  const warning =
    realtime && f.analysed < expected / 2
      ? [`  NOT REAL-TIME: ${f.analysed} of ${Math.round(expected)} frames taken; per-frame CPU is the figure to read`]
      : [];
  return [
    ...warning,
    `${f.label}: ${f.counters} counters × ${round(f.seconds)} s — agent CPU ${round(f.agentCpuMs / Math.max(1, f.analysed))} ms ` +
      `per frame taken, ${round(f.agentMsPerCounterSecond)} ms ` +
      `per counter-second → ${f.countersPerCore} counters per core; ffmpeg decode ${round(f.ffmpegMsPerCounterSecond)} ` +
      `ms per counter-second (${f.countersPerCoreWithFfmpeg} per core with it)`,
    `  frames: ${f.captured} captured, ${f.analysed} analysed, ${f.dropped} dropped ` +
      `(${round((100 * f.dropped) / Math.max(1, f.captured))} %); visits started ${f.visits}, incidents raised ${f.incidents}; ` +
      `RSS ${f.rssLoadedMb} MB with models loaded (${formatMemory(f.atLoaded)}), peak ${f.rssPeakMb} MB ` +
      `(${formatMemory(f.atPeak)})`,
    `  per counter-second: ${perCounterSecond(f.roiSearches)} ROI searches, ${perCounterSecond(f.trackSearches)} ` +
      `searches around tracked faces, ${perCounterSecond(f.classifications)} classifications`,
    ...formatBatches(f.batches),
  ];
}

function formatMemory(m: MemoryBreakdown): string {
  return `V8 heap ${m.heapMb}, ArrayBuffers ${m.arrayBuffersMb}, native and code ${m.nativeMb}`;
}

/** Faces per run of each classification model: how often the counters' faces shared one inference. */
function formatBatches(batches: CountersBenchFigures["batches"]): string[] {
  if (batches.length === 0) return [];
  const parts = batches.map(
    (b) =>
      `${b.model} ${b.samples} faces in ${b.runs} runs (${round(b.samples / Math.max(1, b.runs))} per run, ` +
      `largest ${b.largestBatch})`,
  );
  return [`  batches: ${parts.join("; ")}`];
}

/**
 * `hailong bench counters`: N counters replaying real video through ffmpeg in real time for a fixed wall time,
 * in a child process started like a deployed agent; CPU is process CPU time, so the figure holds on a busy box.
 */
export async function runCountersBench(options: CountersBenchOptions): Promise<{
  agent: CountersBenchFigures[];
  human?: HumanFigure;
}> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const threads = options.threads ?? 1;
  const which = options.models ?? "both";
  const sets: CountersBenchRequest["models"][] = [];
  if (which !== "offline") {
    const explicit = options.modelSet;
    sets.push({
      detector: explicit?.detector ?? "auto",
      expression: explicit ? explicit.expression : "auto",
      threads,
      flipTta: false,
      maxBatch: options.maxBatch,
    });
  }
  if (which !== "auto") sets.push({ ...OFFLINE_MODEL_CHOICE, threads, maxBatch: options.maxBatch });
  out(`counters bench: ${options.counters} counters at ${options.fps} fps, ${options.videos.length} video(s) looping`);
  out(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map(round).join(" ")}`,
  );
  const agent: CountersBenchFigures[] = [];
  for (const models of sets) {
    const request: CountersBenchRequest = {
      models,
      counters: options.counters,
      fps: options.fps,
      videos: options.videos,
      seconds: options.seconds,
      realtime: options.realtime ?? true,
      warmupSeconds: options.warmupSeconds ?? 3,
      ...(options.counter ? { counter: options.counter } : {}),
      ...(options.analysis ? { analysis: options.analysis } : {}),
    };
    const reply = await runBenchChild<CountersBenchRequest, CountersBenchReply>(
      new URL("./counters-bench-child.ts", import.meta.url),
      request,
      { leanMemory: true },
    );
    if (!reply.ok) throw new Error(`counters bench child failed: ${reply.error}`);
    const f = figures(reply, options.fps, request.realtime);
    agent.push(f);
    for (const line of formatFigures(f, options.fps, request.realtime)) out(line);
  }
  if ((options.humanFrames ?? 20) === 0) return { agent };
  const loadHuman = requireHumanLoader(options.loadHuman);
  const images = await sampleFrames(options.videos, options.fps, options.humanFrames ?? 20);
  const human = await benchHuman(images, options.fps, loadHuman);
  out(
    `@vladmandic/human ${human.version}: ${round(human.cpuMsPerFrame)} CPU ms per frame on ${human.frames} of the ` +
      `same frames → ${round(human.msPerCounterSecond)} ms per counter-second at ${options.fps} fps`,
  );
  for (const f of agent)
    out(`  ${f.label}: ${round(human.msPerCounterSecond / f.agentMsPerCounterSecond)}× less CPU than Human`);
  out(`load average at end ${os.loadavg().map(round).join(" ")}`);
  return { agent, human };
}
