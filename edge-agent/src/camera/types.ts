import type { CameraState } from "@hailong/protocol";

/** One encoded frame (JPEG/PNG bytes) as the camera gave it; kept in memory only. */
export interface CapturedFrame {
  /** capture time on the source's clock: wall clock for live sources, start + index/fps for folders/replay */
  ts: number;
  bytes: Uint8Array;
}

export interface SourceStatus {
  state: CameraState;
  captured: number;
  /** frames replaced by a newer one before the pipeline took them */
  dropped: number;
  reconnects: number;
  lastError?: string;
}

/** A camera adapter. frames() is called once; it completes when a non-looping source ends or the signal aborts. */
export interface FrameSource {
  readonly description: string;
  frames(signal: AbortSignal): AsyncIterable<CapturedFrame>;
  status(): SourceStatus;
}
