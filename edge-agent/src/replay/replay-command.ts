import { HailongError } from "@hailong/common";
import type { Command } from "commander";

interface ReplayCliOptions {
  frames?: string;
  video?: string;
  fps: string;
  config?: string;
  counter?: string;
  holdLastMs?: string;
  startMs?: string;
  json?: boolean;
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new HailongError("HAILONG_ERR_USAGE", `${name} must be a non-negative number`);
  return n;
}

/** `hailong agent replay`: the pipeline over recorded frames, events as JSON lines on stdout. */
export function registerReplayCommand(agent: Command): void {
  agent
    .command("replay")
    .description("run the pipeline over recorded frames and print events as JSON lines")
    .option("--frames <dir>", "folder of images played in file-name order")
    .option("--video <file>", "video file decoded by ffmpeg")
    .option("--fps <n>", "frames per second of the recording", "5")
    .option("--config <file>", "agent YAML config (tuning, visit, scoring, models); default: built-in defaults")
    .option("--counter <id>", "counter id (of the config, or the id to report; default replay)")
    .option("--hold-last-ms <ms>", "repeat the last image this long (folder)")
    .option("--start-ms <epochMs>", "timestamp of the first frame (default: now)")
    .option("--json", "one JSON line per event {kind, message} on stdout")
    .action(async (options: ReplayCliOptions) => {
      if (!options.frames === !options.video) {
        throw new HailongError("HAILONG_ERR_USAGE", "give exactly one of --frames DIR or --video FILE");
      }
      const fps = positive("--fps", options.fps) ?? 5;
      if (fps <= 0) throw new HailongError("HAILONG_ERR_USAGE", "--fps must be positive");
      const { runReplay } = await import("./run-replay.js");
      const holdLastMs = positive("--hold-last-ms", options.holdLastMs);
      const startTs = positive("--start-ms", options.startMs);
      const summary = await runReplay(
        {
          fps,
          ...(options.frames ? { frames: options.frames } : {}),
          ...(options.video ? { video: options.video } : {}),
          ...(options.config ? { config: options.config } : {}),
          ...(options.counter ? { counter: options.counter } : {}),
          ...(holdLastMs === undefined ? {} : { holdLastMs }),
          ...(startTs === undefined ? {} : { startTs }),
        },
        (event) => {
          const line = options.json ? JSON.stringify(event) : describeEvent(event);
          process.stdout.write(`${line}\n`);
        },
      );
      process.stderr.write(
        `replay ${summary.counterId}: ${summary.capturedFrames} frames, ${summary.counters.decodeFailures} undecodable, ` +
          `${summary.events.visit} visit events, ${summary.events.incident} incident messages (start/update/end), ${summary.events.score} score windows\n`,
      );
    });
}

function describeEvent(event: import("../pipeline/types.js").OutboundEvent): string {
  const at = new Date(event.message.ts).toISOString();
  switch (event.kind) {
    case "visit":
      return `${at} visit ${event.message.kind} ${event.message.visitId} level=${event.message.level} score=${event.message.score}`;
    case "incident":
      return `${at} INCIDENT ${event.message.phase ?? "start"} ${event.message.incidentId} visit=${event.message.visitId} peak=${event.message.peak.toFixed(2)} held=${event.message.durationMs}ms episodes=${event.message.episodes ?? 1}`;
    case "score":
      return `${at} window score=${event.message.score ?? "-"} visits=${event.message.visits} observed=${event.message.observedMs}ms`;
    case "health":
      return `${at} health camera=${event.message.cameraState}`;
  }
}
