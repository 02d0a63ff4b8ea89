import { createSilentLogger, HailongError, type Logger } from "@hailong/common";
import type { FaceAnalyzer, RgbImage } from "@hailong/models";
import { type HealthMessage, newId, PROTOCOL_VERSION, type SnapshotResult } from "@hailong/protocol";
import { createFrameSource } from "../camera/create-frame-source.js";
import { frameImage } from "../camera/decode-frame.js";
import type { FrameSource, SourceStatus } from "../camera/types.js";
import { type AgentConfig, type AnalysisOptions, AnalysisSchema, type CounterConfig } from "../config/schema.js";

import { type CounterEngine, createCounterEngine } from "./counter-engine.js";
import { createEventQueue } from "./event-queue.js";
import { createFrameAnalyser, type FrameAnalyser, type FrameAnalysis } from "./frame-analyser.js";
import { createFrameStats } from "./frame-stats.js";
import { createLatestFrame, type LatestFrame } from "./latest-frame.js";
import { renderSnapshot } from "./snapshot.js";
import { snapshotFaces } from "./snapshot-faces.js";
import type { CounterPipeline, CounterStats, OutboundEvent } from "./types.js";

const STATS_WINDOW_MS = 60_000;
/** Below this analysed frame rate scores are flagged as degraded. */
const MIN_HEALTHY_FPS = 1;
/** How long a snapshot asked for while the chair is empty waits for a citizen: under the hub's 10 s request timeout. */
const SNAPSHOT_FACE_WAIT_MS = 7_000;

export interface CounterPipelineDeps {
  agentId: string;
  counter: CounterConfig;
  publish: AgentConfig["publish"];
  analyzer: FaceAnalyzer;
  /** detection region and cadence; the schema's defaults when absent */
  analysis?: AnalysisOptions;
  /** defaults to the adapter named by counter.camera */
  source?: FrameSource;
  logger?: Logger;
  now?: () => number;
  configVersion?: () => number;
  /** periodic health messages on the wall clock (replay turns them off) */
  health?: boolean;
}

export interface PipelineCounters {
  /** frames that went through analysis (detected, tracked or classified) */
  analysedFrames: number;
  /** detections over the ROI's search box / only around the tracked faces */
  roiSearches: number;
  trackSearches: number;
  /** frames whose counted faces went through the expression models */
  classifications: number;
  decodeFailures: number;
  analysisFailures: number;
}

/** What the pipeline's steps share: its parts, its counters and its run state. */
interface PipelineState {
  deps: CounterPipelineDeps;
  log: Logger;
  now: () => number;
  source: FrameSource;
  engine: CounterEngine;
  queue: ReturnType<typeof createEventQueue<OutboundEvent>>;
  analyser: FrameAnalyser;
  decodeWidth: number;
  frameStats: ReturnType<typeof createFrameStats>;
  counters: PipelineCounters;
  abort: AbortController;
  latest: LatestFrame;
  /** frames taken from a source that recycles their buffers, not yet released */
  held: { data: Uint8Array; release: () => void }[];
  lastFrameTs: number | undefined;
  running: Promise<void> | undefined;
  healthTimer: NodeJS.Timeout | undefined;
  finished: boolean;
}

async function analyseLoop(p: PipelineState): Promise<void> {
  try {
    for await (const frame of p.source.frames(p.abort.signal)) {
      p.lastFrameTs = frame.ts;
      if (frame.release) p.held.push({ data: frame.image.data, release: frame.release });
      const decoded = await frameImage(frame, p.decodeWidth);
      if (!decoded.ok) {
        p.counters.decodeFailures += 1;
        p.log.warn(
          { reason: decoded.reason, decodeFailures: p.counters.decodeFailures },
          "frame skipped: not decodable",
        );
        continue;
      }
      await analyse(p, decoded.image, frame.ts);
      releaseUnused(p);
    }
  } catch (error) {
    p.log.error({ err: error, source: p.source.description }, "camera source failed");
  } finally {
    finish(p);
  }
}

async function analyse(p: PipelineState, image: RgbImage, ts: number): Promise<void> {
  const started = performance.now();
  let analysis: FrameAnalysis;
  try {
    analysis = await p.analyser.analyse(image, ts, p.engine.tuning());
  } catch (error) {
    p.counters.analysisFailures += 1;
    p.log.error({ err: error, analysisFailures: p.counters.analysisFailures }, "frame skipped: analysis failed");
    return;
  }
  p.counters.analysedFrames += 1;
  if (analysis.kind === "idle") {
    // Nobody at the counter and no detection due: only the engine's clock moves.
    p.latest.set({ image, faces: [], ts });
    p.queue.push(...p.engine.tick(ts));
    return;
  }
  const inferenceMs = performance.now() - started;
  if (analysis.detected === "roi") p.counters.roiSearches += 1;
  if (analysis.detected === "track") p.counters.trackSearches += 1;
  if (analysis.classified) p.counters.classifications += 1;
  const result = p.engine.processFrame({ ts, width: image.width, height: image.height, ...analysis });
  p.latest.set({ image, faces: result.faces, ts });
  p.frameStats.record({
    at: p.now(),
    inferenceMs,
    roiFaceSizes: result.faces.filter((f) => f.inRoi).map((f) => Math.round(f.face.box.height)),
  });
  p.log.debug(
    {
      detected: analysis.detected,
      classified: analysis.classified ? analysis.faces.length : 0,
      outside: analysis.outside.length,
      inferenceMs: Math.round(inferenceMs),
    },
    "frame analysed",
  );
  p.queue.push(...result.events);
}

/**
 * Gives back the buffers of frames nothing reads any more: all but the snapshot's latest frame. (A snapshot copies
 * the pixels it renders, and the analyser keeps only the pixels it measures drift on.)
 */
function releaseUnused(p: PipelineState): void {
  const inUse = p.latest.get()?.image.data;
  p.held = p.held.filter((frame) => {
    if (frame.data === inUse) return true;
    frame.release();
    return false;
  });
}

function finish(p: PipelineState): void {
  if (p.finished) return;
  p.finished = true;
  p.latest.close();
  if (p.healthTimer) clearInterval(p.healthTimer);
  p.queue.push(...p.engine.finish(p.lastFrameTs ?? p.now()));
  if (p.deps.health !== false) p.queue.push(healthEvent(p));
  p.queue.close();
}

function healthEvent(p: PipelineState): OutboundEvent {
  const status = p.source.status();
  const summary = p.frameStats.summary(p.now());
  const ids = p.deps.analyzer.modelIds;
  const message: HealthMessage = {
    v: PROTOCOL_VERSION,
    id: newId(p.now()),
    agentId: p.deps.agentId,
    counterId: p.deps.counter.id,
    ts: p.now(),
    cameraState: status.state,
    fps: summary.fps,
    capturedFrames: status.captured,
    droppedFrames: status.dropped,
    inferenceMs: summary.inferenceMs,
    degraded: status.state !== "ok" || summary.fps < MIN_HEALTHY_FPS,
    outboxPending: 0,
    outboxDropped: 0,
    modelIds: [ids.detector, ids.expression, ...ids.extra].slice(0, 8),
  };
  return { kind: "health", message };
}

function onHealthTick(p: PipelineState): void {
  const state = p.source.status().state;
  // Camera gone: frames stop, so advance the engine on the wall clock to end visits and close windows.
  if (state === "reconnecting" || state === "lost") p.queue.push(...p.engine.tick(p.now()));
  p.queue.push(healthEvent(p));
}

async function snapshot(p: PipelineState, showFaces: boolean): Promise<SnapshotResult> {
  const frame = await p.latest.withFace(SNAPSHOT_FACE_WAIT_MS);
  if (!frame) throw new HailongError("HAILONG_ERR_CAMERA", `no frame analysed yet on counter ${p.deps.counter.id}`);
  // A copy, taken before anything else runs: the frame's buffer is reused once later frames replace it.
  const image = { ...frame.image, data: new Uint8Array(frame.image.data) };
  return renderSnapshot({
    counterId: p.deps.counter.id,
    takenAt: frame.ts,
    image,
    faces: await snapshotFaces(p.deps.analyzer, image, frame.faces),
    filter: p.engine.tuning(),
    showFaces,
  });
}

function counterStats(p: PipelineState): CounterStats {
  const summary = p.frameStats.summary(p.now());
  const status = p.source.status();
  return {
    counterId: p.deps.counter.id,
    windowMs: summary.windowMs,
    fps: summary.fps,
    detectionRate: summary.detectionRate,
    medianFaceSizePx: summary.medianFaceSizePx,
    inferenceMs: summary.inferenceMs,
    droppedFrames: status.dropped,
    cameraState: status.state,
    configVersion: p.deps.configVersion?.() ?? 0,
    tuning: p.engine.tuning(),
  };
}

function createPipelineState(deps: CounterPipelineDeps): PipelineState {
  const log = (deps.logger ?? createSilentLogger()).child({ module: "pipeline", counterId: deps.counter.id });
  const now = deps.now ?? Date.now;
  return {
    deps,
    log,
    now,
    source: deps.source ?? createFrameSource(deps.counter.camera, { logger: log, now }),
    engine: createCounterEngine({
      agentId: deps.agentId,
      counter: deps.counter,
      scoreWindowMs: deps.publish.scoreWindowMs,
    }),
    queue: createEventQueue<OutboundEvent>(),
    // ffmpeg scales in the decoder; encoded HTTP frames are shrunk while sharp decodes them.
    analyser: createFrameAnalyser(deps.analyzer, deps.analysis ?? AnalysisSchema.parse({})),
    decodeWidth: deps.counter.camera.type === "folder" ? 0 : deps.counter.camera.width,
    frameStats: createFrameStats(STATS_WINDOW_MS),
    counters: {
      analysedFrames: 0,
      roiSearches: 0,
      trackSearches: 0,
      classifications: 0,
      decodeFailures: 0,
      analysisFailures: 0,
    },
    abort: new AbortController(),
    latest: createLatestFrame(),
    held: [],
    lastFrameTs: undefined,
    running: undefined,
    healthTimer: undefined,
    finished: false,
  };
}

/**
 * Composition of camera -> decode -> detect -> ROI/size filter -> classify (counted faces only) -> counter
 * engine -> events for one counter.
 */
export function createCounterPipeline(
  deps: CounterPipelineDeps,
): CounterPipeline & { counters(): PipelineCounters; sourceStatus(): SourceStatus } {
  const p = createPipelineState(deps);
  return {
    counterId: deps.counter.id,
    async start() {
      if (p.running) return;
      if (deps.health !== false) p.healthTimer = setInterval(() => onHealthTick(p), deps.publish.healthEveryMs);
      p.running = analyseLoop(p);
    },
    async stop() {
      p.abort.abort();
      if (p.running) await p.running;
      else finish(p);
    },
    events: () => p.queue.drain(),
    applyTuning(tuning) {
      p.engine.applyTuning(tuning);
      p.log.info({ tuning }, "tuning applied");
    },
    snapshot: ({ showFaces }) => snapshot(p, showFaces),
    stats: () => counterStats(p),
    counters: () => ({ ...p.counters }),
    sourceStatus: () => p.source.status(),
  };
}

/** One pipeline per configured counter, all on one analyzer: how `hailong agent` (and its bench) builds them. */
export function createCounterPipelines(
  config: AgentConfig,
  analyzer: FaceAnalyzer,
  options: Pick<CounterPipelineDeps, "logger" | "configVersion" | "health"> = {},
): ReturnType<typeof createCounterPipeline>[] {
  return config.counters.map((counter) =>
    createCounterPipeline({
      agentId: config.agentId,
      counter,
      publish: config.publish,
      analysis: config.analysis,
      analyzer,
      ...options,
    }),
  );
}
