import { createSilentLogger, HailongError, type Logger } from "@hailong/common";
import type { FaceAnalyzer, RgbImage } from "@hailong/models";
import { type HealthMessage, newId, PROTOCOL_VERSION } from "@hailong/protocol";
import { createFrameSource } from "../camera/create-frame-source.js";
import { frameImage } from "../camera/decode-frame.js";
import type { FrameSource, SourceStatus } from "../camera/types.js";
import { type AgentConfig, type AnalysisOptions, AnalysisSchema, type CounterConfig } from "../config/schema.js";

import { createCounterEngine } from "./counter-engine.js";
import { createEventQueue } from "./event-queue.js";
import { createFrameAnalyser, type FrameAnalysis } from "./frame-analyser.js";
import { createFrameStats } from "./frame-stats.js";
import { createLatestFrame } from "./latest-frame.js";
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
  decodeFailures: number;
  analysisFailures: number;
}

/**
 * Composition of camera -> decode -> detect -> ROI/size filter -> classify (counted faces only) -> counter
 * engine -> events for one counter.
 */
export function createCounterPipeline(
  deps: CounterPipelineDeps,
): CounterPipeline & { counters(): PipelineCounters; sourceStatus(): SourceStatus } {
  const log = (deps.logger ?? createSilentLogger()).child({ module: "pipeline", counterId: deps.counter.id });
  const now = deps.now ?? Date.now;
  const source = deps.source ?? createFrameSource(deps.counter.camera, { logger: log, now });
  const engine = createCounterEngine({
    agentId: deps.agentId,
    counter: deps.counter,
    scoreWindowMs: deps.publish.scoreWindowMs,
  });
  const queue = createEventQueue<OutboundEvent>();
  // ffmpeg scales in the decoder; encoded HTTP frames are shrunk while sharp decodes them.
  const analyser = createFrameAnalyser(deps.analyzer, deps.analysis ?? AnalysisSchema.parse({}));
  const decodeWidth = deps.counter.camera.type === "folder" ? 0 : deps.counter.camera.width;
  const frameStats = createFrameStats(STATS_WINDOW_MS);
  const counters: PipelineCounters = { analysedFrames: 0, decodeFailures: 0, analysisFailures: 0 };
  const abort = new AbortController();
  const latest = createLatestFrame();
  let lastFrameTs: number | undefined;
  let running: Promise<void> | undefined;
  let healthTimer: NodeJS.Timeout | undefined;
  let finished = false;

  async function analyseLoop(): Promise<void> {
    try {
      for await (const frame of source.frames(abort.signal)) {
        lastFrameTs = frame.ts;
        const decoded = await frameImage(frame, decodeWidth);
        if (!decoded.ok) {
          counters.decodeFailures += 1;
          log.warn({ reason: decoded.reason, decodeFailures: counters.decodeFailures }, "frame skipped: not decodable");
          continue;
        }
        await analyse(decoded.image, frame.ts);
      }
    } catch (error) {
      log.error({ err: error, source: source.description }, "camera source failed");
    } finally {
      finish();
    }
  }

  async function analyse(image: RgbImage, ts: number): Promise<void> {
    const started = performance.now();
    let analysis: FrameAnalysis;
    try {
      analysis = await analyser.analyse(image, ts, engine.tuning());
    } catch (error) {
      counters.analysisFailures += 1;
      log.error({ err: error, analysisFailures: counters.analysisFailures }, "frame skipped: analysis failed");
      return;
    }
    counters.analysedFrames += 1;
    if (analysis.kind === "idle") {
      // Nobody at the counter and no detection due: only the engine's clock moves.
      latest.set({ image, faces: [], ts });
      queue.push(...engine.tick(ts));
      return;
    }
    const inferenceMs = performance.now() - started;
    const result = engine.processFrame({ ts, width: image.width, height: image.height, ...analysis });
    latest.set({ image, faces: result.faces, ts });
    frameStats.record({
      at: now(),
      inferenceMs,
      roiFaceSizes: result.faces.filter((f) => f.inRoi).map((f) => Math.round(f.face.box.height)),
    });
    log.debug(
      {
        detected: analysis.detected,
        classified: analysis.classified ? analysis.faces.length : 0,
        outside: analysis.outside.length,
        inferenceMs: Math.round(inferenceMs),
      },
      "frame analysed",
    );
    queue.push(...result.events);
  }

  function finish(): void {
    if (finished) return;
    finished = true;
    latest.close();
    if (healthTimer) clearInterval(healthTimer);
    queue.push(...engine.finish(lastFrameTs ?? now()));
    if (deps.health !== false) queue.push(healthEvent());
    queue.close();
  }

  function healthEvent(): OutboundEvent {
    const status = source.status();
    const summary = frameStats.summary(now());
    const ids = deps.analyzer.modelIds;
    const message: HealthMessage = {
      v: PROTOCOL_VERSION,
      id: newId(now()),
      agentId: deps.agentId,
      counterId: deps.counter.id,
      ts: now(),
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

  function onHealthTick(): void {
    const state = source.status().state;
    // Camera gone: frames stop, so advance the engine on the wall clock to end visits and close windows.
    if (state === "reconnecting" || state === "lost") queue.push(...engine.tick(now()));
    queue.push(healthEvent());
  }

  return {
    counterId: deps.counter.id,
    async start() {
      if (running) return;
      if (deps.health !== false) healthTimer = setInterval(onHealthTick, deps.publish.healthEveryMs);
      running = analyseLoop();
    },
    async stop() {
      abort.abort();
      if (running) await running;
      else finish();
    },
    events: () => queue.drain(),
    applyTuning(tuning) {
      engine.applyTuning(tuning);
      log.info({ tuning }, "tuning applied");
    },
    async snapshot({ showFaces }) {
      const frame = await latest.withFace(SNAPSHOT_FACE_WAIT_MS);
      if (!frame) throw new HailongError("HAILONG_ERR_CAMERA", `no frame analysed yet on counter ${deps.counter.id}`);
      return renderSnapshot({
        counterId: deps.counter.id,
        takenAt: frame.ts,
        image: frame.image,
        faces: await snapshotFaces(deps.analyzer, frame.image, frame.faces),
        roi: engine.tuning().roi,
        showFaces,
      });
    },
    stats(): CounterStats {
      const summary = frameStats.summary(now());
      const status = source.status();
      return {
        counterId: deps.counter.id,
        windowMs: summary.windowMs,
        fps: summary.fps,
        detectionRate: summary.detectionRate,
        medianFaceSizePx: summary.medianFaceSizePx,
        inferenceMs: summary.inferenceMs,
        droppedFrames: status.dropped,
        cameraState: status.state,
        configVersion: deps.configVersion?.() ?? 0,
        tuning: engine.tuning(),
      };
    },
    counters: () => ({ ...counters }),
    sourceStatus: () => source.status(),
  };
}
