import { createLogger, HailongError, type Logger, loadConfig } from "@hailong/common";
import type { FaceAnalyzer } from "@hailong/models";
import { MESSAGE_SCHEMAS } from "@hailong/protocol";
import { createFfmpegSource } from "../camera/ffmpeg-source.js";
import { createFolderSource } from "../camera/folder-source.js";
import type { FrameSource } from "../camera/types.js";
import { type AgentConfig, AgentConfigSchema, type CounterConfig } from "../config/schema.js";
import { createCounterPipeline, type PipelineCounters } from "../pipeline/create-counter-pipeline.js";
import type { OutboundEvent } from "../pipeline/types.js";
import { loadFaceAnalyzer } from "../vision/load-analyzer.js";

export interface ReplayOptions {
  frames?: string;
  video?: string;
  fps: number;
  config?: string;
  counter?: string;
  holdLastMs?: number;
  /** epoch ms of frame 0 (default: now) */
  startTs?: number;
}

export interface ReplaySummary {
  counterId: string;
  events: Record<OutboundEvent["kind"], number>;
  counters: PipelineCounters;
  capturedFrames: number;
}

/** Agent config for a replay: the file's (one counter chosen), or defaults with counter id `replay`. */
export function replayConfig(options: ReplayOptions): { config: AgentConfig; counter: CounterConfig } {
  const camera = { type: "folder", dir: options.frames ?? options.video ?? ".", realtime: false };
  const config = options.config
    ? loadConfig({ file: options.config, schema: AgentConfigSchema })
    : AgentConfigSchema.parse({ agentId: "replay", counters: [{ id: options.counter ?? "replay", camera }] });
  const counter = options.counter ? config.counters.find((c) => c.id === options.counter) : config.counters[0];
  if (!counter) {
    throw new HailongError(
      "HAILONG_ERR_USAGE",
      `counter ${options.counter} is not in ${options.config ?? "the config"}`,
    );
  }
  return { config, counter };
}

function replaySource(options: ReplayOptions, logger: Logger): FrameSource {
  const startTs = options.startTs ?? Date.now();
  if (options.video)
    return createFfmpegSource({ url: options.video, fps: options.fps, realtime: false, startTs, logger });
  if (!options.frames) throw new HailongError("HAILONG_ERR_USAGE", "replay needs --frames DIR or --video FILE");
  return createFolderSource({
    dir: options.frames,
    fps: options.fps,
    holdLastMs: options.holdLastMs ?? 0,
    realtime: false,
    startTs,
  });
}

/**
 * Runs one counter's pipeline over recorded frames without MQTT and hands every visit, incident and score
 * window (schema-validated) to `emit`, in order. Health messages are not produced (no wall clock in a replay).
 */
export async function runReplay(
  options: ReplayOptions,
  emit: (event: OutboundEvent) => void,
  deps: { analyzer?: FaceAnalyzer; logger?: Logger } = {},
): Promise<ReplaySummary> {
  const logger = deps.logger ?? createLogger({ name: "replay" });
  const { config, counter } = replayConfig(options);
  const analyzer = deps.analyzer ?? (await loadFaceAnalyzer(config.models));
  const source = replaySource(options, logger);
  const pipeline = createCounterPipeline({
    agentId: config.agentId,
    counter,
    publish: config.publish,
    analysis: config.analysis,
    analyzer,
    source,
    logger,
    health: false,
  });
  const events: ReplaySummary["events"] = { visit: 0, incident: 0, score: 0, health: 0 };
  try {
    await pipeline.start();
    for await (const event of pipeline.events()) {
      MESSAGE_SCHEMAS[event.kind].parse(event.message);
      events[event.kind] += 1;
      emit(event);
    }
  } finally {
    if (!deps.analyzer) await analyzer.close();
  }
  return { counterId: counter.id, events, counters: pipeline.counters(), capturedFrames: source.status().captured };
}
