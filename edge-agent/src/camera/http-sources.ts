import { setTimeout as sleep } from "node:timers/promises";
import { HailongError, type Logger } from "@hailong/common";
import type { ReconnectPolicy } from "./backoff.js";
import { createJpegSplitter } from "./jpeg-splitter.js";
import { createLiveSource } from "./live-source.js";
import type { FrameSource } from "./types.js";

export interface HttpSourceOptions {
  url: string;
  reconnect?: ReconnectPolicy;
  now?: () => number;
  logger?: Logger;
  /** per-request timeout (snapshot) / connect timeout (mjpeg) */
  timeoutMs?: number;
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//***@");

function liveOptions(options: HttpSourceOptions) {
  return {
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
}

/** HTTP multipart MJPEG (IP cameras' /video.mjpg): JPEG parts are cut at SOI/EOI, boundaries skipped. */
export function createMjpegSource(options: HttpSourceOptions): FrameSource {
  return createLiveSource({
    description: `mjpeg ${redact(options.url)}`,
    ...liveOptions(options),
    session: async (push, signal) => {
      const response = await fetch(options.url, { signal });
      if (!response.ok || !response.body) {
        throw new HailongError("HAILONG_ERR_CAMERA", `MJPEG stream answered HTTP ${response.status}`);
      }
      const splitter = createJpegSplitter();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return false;
        for (const jpeg of splitter.push(value)) push({ bytes: jpeg });
      }
    },
  });
}

/** A JPEG snapshot URL polled every intervalMs. */
export function createSnapshotSource(options: HttpSourceOptions & { intervalMs: number }): FrameSource {
  return createLiveSource({
    description: `snapshot ${redact(options.url)}`,
    ...liveOptions(options),
    session: async (push, signal) => {
      for (;;) {
        const started = Date.now();
        const response = await fetch(options.url, {
          signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs ?? 5000)]),
        });
        if (!response.ok) throw new HailongError("HAILONG_ERR_CAMERA", `snapshot answered HTTP ${response.status}`);
        push({ bytes: new Uint8Array(await response.arrayBuffer()) });
        const wait = options.intervalMs - (Date.now() - started);
        if (wait > 0) await sleep(wait, undefined, { signal });
      }
    },
  });
}
