import type { RgbImage } from "@hailong/models";
import type { ScoredFace } from "./counter-engine.js";

export interface AnalysedFrame {
  image: RgbImage;
  faces: ScoredFace[];
  ts: number;
}

/**
 * The counter's last analysed frame, held in memory only, for calibration snapshots. An installer who asks for
 * a snapshot while the chair is empty gets the next frame with a citizen in the ROI, if one comes within the wait.
 */
export interface LatestFrame {
  set(frame: AnalysedFrame): void;
  get(): AnalysedFrame | undefined;
  /** The latest frame if it has a face in the ROI, else the first such frame within `waitMs`, else the latest. */
  withFace(waitMs: number): Promise<AnalysedFrame | undefined>;
  /** No more frames: pending waits get the latest frame now. */
  close(): void;
}

const hasSeatedFace = (frame: AnalysedFrame | undefined) => frame?.faces.some((f) => f.inRoi) ?? false;

export function createLatestFrame(): LatestFrame {
  let latest: AnalysedFrame | undefined;
  let closed = false;
  const waiters = new Set<(frame: AnalysedFrame | undefined) => void>();

  const settle = (frame: AnalysedFrame | undefined) => {
    for (const resolve of [...waiters]) resolve(frame);
  };

  return {
    set(frame) {
      latest = frame;
      if (hasSeatedFace(frame)) settle(frame);
    },
    get: () => latest,
    withFace(waitMs) {
      if (closed || hasSeatedFace(latest)) return Promise.resolve(latest);
      return new Promise((resolve) => {
        const done = (frame: AnalysedFrame | undefined) => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve(frame);
        };
        const timer = setTimeout(() => done(latest), waitMs);
        waiters.add(done);
      });
    },
    close() {
      closed = true;
      settle(latest);
    },
  };
}
