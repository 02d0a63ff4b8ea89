import type { Logger } from "@hailong/common";
import type { CameraSource } from "../config/schema.js";
import type { ReconnectPolicy } from "./backoff.js";
import { createFfmpegSource } from "./ffmpeg-source.js";
import { createFolderSource } from "./folder-source.js";
import { createMjpegSource, createSnapshotSource } from "./http-sources.js";
import type { FrameSource } from "./types.js";

export interface FrameSourceDeps {
  logger?: Logger;
  now?: () => number;
  reconnect?: ReconnectPolicy;
}

/** Builds the adapter a counter's camera config names; no I/O until frames() is iterated. */
export function createFrameSource(camera: CameraSource, deps: FrameSourceDeps = {}): FrameSource {
  const common = {
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.reconnect ? { reconnect: deps.reconnect } : {}),
  };
  switch (camera.type) {
    case "ffmpeg":
      return createFfmpegSource({
        ...common,
        url: camera.url,
        fps: camera.fps,
        loop: camera.loop,
        realtime: camera.realtime,
        width: camera.width,
      });
    case "mjpeg":
      return createMjpegSource({ ...common, url: camera.url });
    case "snapshot":
      return createSnapshotSource({ ...common, url: camera.url, intervalMs: camera.intervalMs });
    case "folder":
      return createFolderSource({
        ...(deps.now ? { now: deps.now } : {}),
        dir: camera.dir,
        fps: camera.fps,
        loop: camera.loop,
        holdLastMs: camera.holdLastMs,
        realtime: camera.realtime,
      });
  }
}
