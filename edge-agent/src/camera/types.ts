import type { RgbImage } from "@hailong/models";
import type { CameraState } from "@hailong/protocol";

/**
 * What a source delivers: an encoded image (JPEG/PNG from HTTP cameras and folders), decoded by the pipeline,
 * or RGB pixels already at the analysis size (ffmpeg). Kept in memory only.
 */
export type FramePayload =
  | { bytes: Uint8Array; image?: undefined; release?: undefined }
  | {
      image: RgbImage;
      bytes?: undefined;
      /** hands the pixels' buffer back for reuse: call once nothing reads `image` any more (or never) */
      release?: () => void;
    };

/** One frame as the camera gave it, with its capture time. */
export type CapturedFrame = FramePayload & {
  /** capture time on the source's clock: wall clock for live sources, start + index/fps for folders/replay */
  ts: number;
};

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
