// Entry of the child process `hailong bench counters` runs the agent's counters in: only what the agent loads,
// so its CPU and RSS are the agent's. N counter pipelines share one analyzer, each reading a looping video
// through ffmpeg in real time, exactly as `hailong agent` builds them.
import { setTimeout as sleep } from "node:timers/promises";
import type { ModelBatchStats } from "@hailong/models";
import { AgentConfigSchema } from "../config/schema.js";
import { createCounterPipelines } from "../pipeline/create-counter-pipeline.js";
import { rssMb } from "./bench-timing.js";
import { childrenCpuDelta, childrenCpuMs, ownCpuMs } from "./process-cpu.js";

export interface CountersBenchRequest {
  models: { detector: string; expression: string | string[]; threads: number; flipTta: boolean; maxBatch?: number };
  counters: number;
  fps: number;
  videos: string[];
  /** false: every frame, as fast as the agent takes them (timestamps index/fps), for a CPU-per-frame figure on a
   * machine too busy to keep real time */
  realtime: boolean;
  /** measured wall time, after warmupSeconds */
  seconds: number;
  warmupSeconds: number;
  /** extra agent config for every counter (camera width, tuning) */
  counter?: Record<string, unknown>;
  /** the agent's analysis section (cadence, ROI margin); schema defaults when absent */
  analysis?: Record<string, unknown>;
}

export interface CountersBenchResult {
  label: string;
  counters: number;
  seconds: number;
  agentCpuMs: number;
  ffmpegCpuMs: number;
  captured: number;
  analysed: number;
  /** model runs over the measured time, all counters: ROI searches, searches around tracked faces, classifications */
  roiSearches: number;
  trackSearches: number;
  classifications: number;
  dropped: number;
  visits: number;
  incidents: number;
  rssLoadedMb: number;
  rssPeakMb: number;
  /** what the RSS held with the models loaded and when it peaked */
  atLoaded: MemoryBreakdown;
  atPeak: MemoryBreakdown;
  /** per classification model over the measured time: runs and faces (largestBatch: since the models loaded) */
  batches: ModelBatchStats[];
}

/** V8's heap, ArrayBuffers (frames, tensors) and the rest of the RSS (native: onnxruntime, glibc, code), in MB. */
export interface MemoryBreakdown {
  heapMb: number;
  arrayBuffersMb: number;
  nativeMb: number;
}

function memoryBreakdown(usage: NodeJS.MemoryUsage): MemoryBreakdown {
  const heapMb = Math.round(usage.heapTotal / 2 ** 20);
  const arrayBuffersMb = Math.round(usage.arrayBuffers / 2 ** 20);
  return { heapMb, arrayBuffersMb, nativeMb: Math.round(usage.rss / 2 ** 20) - heapMb - arrayBuffersMb };
}

export type CountersBenchReply = ({ ok: true } & CountersBenchResult) | { ok: false; error: string };

function buildConfig(request: CountersBenchRequest) {
  return AgentConfigSchema.parse({
    agentId: "bench",
    models: request.models,
    ...(request.analysis ? { analysis: request.analysis } : {}),
    counters: Array.from({ length: request.counters }, (_, i) => ({
      ...request.counter,
      id: `bench-${i + 1}`,
      camera: {
        type: "ffmpeg",
        url: request.videos[i % request.videos.length],
        fps: request.fps,
        loop: true,
        realtime: request.realtime,
        ...(request.counter?.camera as object | undefined),
      },
    })),
  });
}

type Pipelines = ReturnType<typeof createCounterPipelines>;

/** Visits started and incidents raised (one incident is one id with start/update/end events) while measuring. */
function tallyEvents(pipelines: Pipelines) {
  const state = { measuring: false, visits: 0, incidents: 0 };
  const incidentIds = new Set<string>();
  const drained = pipelines.map(async (p) => {
    for await (const event of p.events()) {
      if (!state.measuring) continue;
      if (event.kind === "visit" && event.message.kind === "start") state.visits += 1;
      if (event.kind === "incident" && !incidentIds.has(event.message.incidentId)) {
        incidentIds.add(event.message.incidentId);
        state.incidents += 1;
      }
    }
  });
  return { state, drained };
}

function pipelineTotals(pipelines: Pipelines) {
  const sums = { captured: 0, dropped: 0, analysed: 0, roiSearches: 0, trackSearches: 0, classifications: 0 };
  for (const p of pipelines) {
    const c = p.counters();
    sums.captured += p.sourceStatus().captured;
    sums.dropped += p.sourceStatus().dropped;
    sums.analysed += c.analysedFrames;
    sums.roiSearches += c.roiSearches;
    sums.trackSearches += c.trackSearches;
    sums.classifications += c.classifications;
  }
  return sums;
}

/** Samples the RSS every 250 ms and keeps the memory breakdown at its peak. */
function rssPeakSampler(atLoaded: ReturnType<typeof memoryBreakdown>) {
  const peak = { rssMb: 0, breakdown: atLoaded };
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    const rss = Math.round(usage.rss / 2 ** 20);
    if (rss <= peak.rssMb) return;
    peak.rssMb = rss;
    peak.breakdown = memoryBreakdown(usage);
  }, 250);
  return { peak, stop: () => clearInterval(timer) };
}

async function run(request: CountersBenchRequest): Promise<CountersBenchResult> {
  const config = buildConfig(request);
  const { loadFaceAnalyzer } = await import("../vision/load-analyzer.js");
  const analyzer = await loadFaceAnalyzer(config.models);
  const rssLoadedMb = rssMb();
  const atLoaded = memoryBreakdown(process.memoryUsage());
  const pipelines = createCounterPipelines(config, analyzer, { health: false });
  const events = tallyEvents(pipelines);
  const totals = () => pipelineTotals(pipelines);
  const sampler = rssPeakSampler(atLoaded);
  try {
    for (const p of pipelines) await p.start();
    await sleep(request.warmupSeconds * 1000);
    events.state.measuring = true;
    const batchesBefore = analyzer.batchStats?.() ?? [];
    const before = { cpu: ownCpuMs(), children: childrenCpuMs(), ...totals(), at: performance.now() };
    await sleep(request.seconds * 1000);
    const after = { cpu: ownCpuMs(), children: childrenCpuMs(), ...totals(), at: performance.now() };
    const batches = (analyzer.batchStats?.() ?? []).map((s, k) => ({
      ...s,
      runs: s.runs - (batchesBefore[k]?.runs ?? 0),
      samples: s.samples - (batchesBefore[k]?.samples ?? 0),
    }));
    events.state.measuring = false;
    const ids = analyzer.modelIds;
    return {
      label: [ids.detector, ids.expression, ...ids.extra].join("+"),
      counters: request.counters,
      seconds: (after.at - before.at) / 1000,
      agentCpuMs: after.cpu - before.cpu,
      ffmpegCpuMs: childrenCpuDelta(before.children, after.children),
      captured: after.captured - before.captured,
      analysed: after.analysed - before.analysed,
      dropped: after.dropped - before.dropped,
      roiSearches: after.roiSearches - before.roiSearches,
      trackSearches: after.trackSearches - before.trackSearches,
      classifications: after.classifications - before.classifications,
      visits: events.state.visits,
      incidents: events.state.incidents,
      rssLoadedMb,
      rssPeakMb: sampler.peak.rssMb,
      atLoaded,
      atPeak: sampler.peak.breakdown,
      batches,
    };
  } finally {
    sampler.stop();
    await Promise.all(pipelines.map((p) => p.stop()));
    await Promise.all(events.drained);
    await analyzer.close();
  }
}

process.once("message", (request: CountersBenchRequest) => {
  run(request)
    .then((result): CountersBenchReply => ({ ok: true, ...result }))
    .catch(
      (error: unknown): CountersBenchReply => ({
        ok: false,
        error: String(error instanceof Error ? error.stack : error),
      }),
    )
    .then((reply) => process.send?.(reply, () => process.disconnect()));
});
