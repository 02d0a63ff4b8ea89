import type { CameraState } from "@hailong/protocol";

export interface ReconnectPolicy {
  initialMs: number;
  maxMs: number;
  /** consecutive failures after which the camera is reported `lost` (it keeps retrying) */
  lostAfterFailures: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { initialMs: 500, maxMs: 30_000, lostAfterFailures: 5 };

/** Exponential backoff: initial, 2×, 4× ... capped at maxMs. `failures` counts from 1. */
export function reconnectDelayMs(failures: number, policy: ReconnectPolicy): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, failures - 1));
}

export function stateAfterFailures(failures: number, policy: ReconnectPolicy): CameraState {
  return failures >= policy.lostAfterFailures ? "lost" : "reconnecting";
}
