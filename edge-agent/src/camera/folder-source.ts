import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { HailongError } from "@hailong/common";
import { createLatestFrameSlot, drainWhileProducing } from "./latest-frame-slot.js";
import type { CapturedFrame, FrameSource, SourceStatus } from "./types.js";

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png"]);

export interface FolderSourceOptions {
  dir: string;
  fps: number;
  loop?: boolean;
  holdLastMs?: number;
  /** pace on the wall clock through the latest-frame slot; false: every frame, as fast as consumed */
  realtime?: boolean;
  /** timestamp of frame 0 (default: the time frames() starts) */
  startTs?: number;
  now?: () => number;
}

export async function listImages(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new HailongError("HAILONG_ERR_CAMERA", `cannot read frames folder ${dir}`, { cause: error });
  }
  return names
    .filter((n) => IMAGE_EXTENSIONS.has(path.extname(n).toLowerCase()))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((n) => path.join(dir, n));
}

/** Plays a folder of images in file-name order at fps; the virtual clock makes replays deterministic. */
export function createFolderSource(options: FolderSourceOptions): FrameSource {
  const now = options.now ?? Date.now;
  const status: Omit<SourceStatus, "dropped"> = { state: "starting", captured: 0, reconnects: 0 };
  const slot = createLatestFrameSlot<CapturedFrame>();
  const interval = 1000 / options.fps;
  const holdFrames = Math.round(((options.holdLastMs ?? 0) * options.fps) / 1000);

  async function* sequence(signal: AbortSignal): AsyncGenerator<CapturedFrame> {
    const files = await listImages(options.dir);
    if (files.length === 0) throw new HailongError("HAILONG_ERR_CAMERA", `no images in ${options.dir}`);
    const start = options.startTs ?? now();
    let index = 0;
    status.state = "ok";
    do {
      let last: Uint8Array | undefined;
      for (const file of files) {
        if (signal.aborted) return;
        last = new Uint8Array(await readFile(file));
        status.captured += 1;
        yield { ts: Math.round(start + index++ * interval), bytes: last };
      }
      for (let i = 0; i < holdFrames && last && !signal.aborted; i++) {
        status.captured += 1;
        yield { ts: Math.round(start + index++ * interval), bytes: last };
      }
    } while (options.loop && !signal.aborted);
  }

  async function pace(signal: AbortSignal): Promise<void> {
    try {
      for await (const frame of sequence(signal)) {
        const wait = frame.ts - now();
        if (wait > 0) await sleep(wait, undefined, { signal });
        slot.put(frame);
      }
    } catch (error) {
      if (!signal.aborted) status.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      slot.close();
    }
  }

  return {
    description: `folder ${options.dir}`,
    async *frames(signal: AbortSignal) {
      if (options.realtime === false) {
        yield* sequence(signal);
      } else {
        yield* drainWhileProducing(slot, signal, pace);
        if (status.lastError) throw new HailongError("HAILONG_ERR_CAMERA", status.lastError);
      }
      status.state = "ended";
    },
    status: () => ({ ...status, dropped: slot.dropped() }),
  };
}
