import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@hailong/common";
import type { CameraState } from "@hailong/protocol";
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelayMs, stateAfterFailures } from "./backoff.js";
import { createLatestFrameSlot, drainWhileProducing } from "./latest-frame-slot.js";
import type { CapturedFrame, FramePayload, FrameSource, SourceStatus } from "./types.js";

/**
 * Runs one capture session: pushes frames until the stream ends (resolve) or fails (reject).
 * `resolve(true)` means the source is finished for good (a video file without loop).
 */
export type CaptureSession = (push: (frame: FramePayload) => void, signal: AbortSignal) => Promise<boolean | undefined>;

export interface LiveSourceOptions {
  description: string;
  session: CaptureSession;
  reconnect?: ReconnectPolicy;
  now?: () => number;
  logger?: Logger;
}

/**
 * A live camera: capture runs on its own, keeps only the newest frame (drops counted) and reconnects with
 * exponential backoff, reporting `reconnecting` then `lost`; the pipeline takes frames when it is ready.
 */
export function createLiveSource(options: LiveSourceOptions): FrameSource {
  const policy = options.reconnect ?? DEFAULT_RECONNECT_POLICY;
  const now = options.now ?? Date.now;
  const slot = createLatestFrameSlot<CapturedFrame>((unread) => unread.release?.());
  const status: Omit<SourceStatus, "dropped"> = { state: "starting", captured: 0, reconnects: 0 };
  let failures = 0;

  const push = (frame: FramePayload) => {
    status.captured += 1;
    failures = 0;
    status.state = "ok";
    slot.put({ ...frame, ts: now() });
  };

  async function capture(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let finished: boolean | undefined;
      try {
        finished = await options.session(push, signal);
        if (signal.aborted) break;
        if (!finished) throw new Error("stream ended");
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        status.reconnects += 1;
        status.lastError = error instanceof Error ? error.message : String(error);
        status.state = stateAfterFailures(failures, policy) as CameraState;
        const delay = reconnectDelayMs(failures, policy);
        options.logger?.warn(
          { source: options.description, failures, delayMs: delay, reason: status.lastError },
          "camera reconnecting",
        );
        await sleep(delay, undefined, { signal }).catch(() => undefined /* aborted while waiting: loop exits */);
        continue;
      }
      status.state = "ended";
      break;
    }
    slot.close();
  }

  return {
    description: options.description,
    async *frames(signal: AbortSignal) {
      // Stopping the consumer (break, abort) must also stop capture.
      yield* drainWhileProducing(slot, signal, capture);
    },
    status: () => ({ ...status, dropped: slot.dropped() }),
  };
}
