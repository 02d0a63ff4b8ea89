import { spawn } from "node:child_process";
import { ffmpegPath, HailongError, type Logger } from "@hailong/common";
import type { RgbImage } from "@hailong/models";
import type { ReconnectPolicy } from "./backoff.js";
import { createFramePool, type FramePool } from "./frame-pool.js";
import { createLiveSource } from "./live-source.js";
import { createPpmSplitter } from "./ppm-splitter.js";
import type { CapturedFrame, FrameSource, SourceStatus } from "./types.js";

export interface FfmpegSourceOptions {
  url: string;
  fps: number;
  loop?: boolean;
  /** live: native speed, newest frame only, reconnects; false: every frame with index/fps timestamps (replay) */
  realtime?: boolean;
  /** scale to this width, keeping the aspect ratio (0/undefined: source size) */
  width?: number;
  startTs?: number;
  ffmpegPath?: string;
  reconnect?: ReconnectPolicy;
  now?: () => number;
  logger?: Logger;
}

const isStream = (url: string) => /^(rtsp|rtsps|rtmp|http|https|udp|tcp|srt):\/\//i.test(url);

/**
 * ffmpeg arguments: decode anything ffmpeg reads on one thread, resample to fps, scale to the analysis width and
 * write raw rgb24 frames (binary PPM: the pixels behind a few bytes giving the size) to stdout — no JPEG encode
 * here and decode again in the agent. One decoding thread per camera: an agent watches many cameras, so
 * parallelism comes from the cameras, and ffmpeg's frame threads only add CPU (docs/performance.md).
 */
export function ffmpegArgs(options: FfmpegSourceOptions): string[] {
  const args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-threads", "1"];
  if (/^rtsps?:\/\//i.test(options.url)) args.push("-rtsp_transport", "tcp");
  if (!isStream(options.url)) {
    if (options.realtime !== false) args.push("-re");
    if (options.loop) args.push("-stream_loop", "-1");
  }
  args.push("-i", options.url, "-an");
  const filters = [`fps=${options.fps}`];
  if (options.width) filters.push(`scale=${options.width}:-2`);
  args.push("-vf", filters.join(","), "-f", "image2pipe", "-vcodec", "ppm", "pipe:1");
  return args;
}

/** Runs ffmpeg once; yields each RGB frame; rejects with ffmpeg's last stderr line on a non-zero exit. */
async function* runFfmpeg(
  options: FfmpegSourceOptions,
  signal: AbortSignal,
  pool: FramePool,
): AsyncGenerator<RgbImage> {
  const child = spawn(options.ffmpegPath ?? ffmpegPath(), ffmpegArgs(options), {
    stdio: ["ignore", "pipe", "pipe"],
    signal,
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString("utf8")).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on("close", (code) => resolve(code));
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
      resolve(-1);
    });
  });
  const splitter = createPpmSplitter(pool.take);
  try {
    for await (const chunk of child.stdout) for (const image of splitter.push(chunk as Buffer)) yield image;
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
  }
  const code = await exited;
  if (code !== 0 && !signal.aborted) {
    const reason = stderr.trim().split("\n").at(-1) ?? `exit ${code}`;
    throw new HailongError("HAILONG_ERR_CAMERA", `ffmpeg failed on ${options.url}: ${reason}`);
  }
}

export function createFfmpegSource(options: FfmpegSourceOptions): FrameSource {
  const pool = createFramePool();
  const frame = (image: RgbImage) => ({ image, release: () => pool.give(image.data) });
  const description = `ffmpeg ${options.url.replace(/\/\/[^@/]*@/, "//***@")}`;
  if (options.realtime !== false) {
    return createLiveSource({
      description,
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      session: async (push, signal) => {
        for await (const image of runFfmpeg(options, signal, pool)) push(frame(image));
        return !isStream(options.url) && !options.loop;
      },
    });
  }
  // Replay: pull every frame (ffmpeg blocks on the pipe while we analyse), timestamps from index/fps.
  const status: Omit<SourceStatus, "dropped"> = { state: "starting", captured: 0, reconnects: 0 };
  return {
    description,
    async *frames(signal: AbortSignal): AsyncGenerator<CapturedFrame> {
      const start = options.startTs ?? (options.now ?? Date.now)();
      status.state = "ok";
      for await (const image of runFfmpeg(options, signal, pool)) {
        yield { ts: Math.round(start + (status.captured * 1000) / options.fps), ...frame(image) };
        status.captured += 1;
      }
      status.state = "ended";
    },
    status: () => ({ ...status, dropped: 0 }),
  };
}
