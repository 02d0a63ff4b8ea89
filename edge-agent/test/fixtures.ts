import { existsSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createFolderSource } from "../src/camera/folder-source.js";
import { type CounterPipelineDeps, createCounterPipeline } from "../src/pipeline/create-counter-pipeline.js";
import type { OutboundEvent } from "../src/pipeline/types.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDir = process.env.HAILONG_SHARED_DIR ?? path.resolve(repoRoot, "../shared");
export const hasShared = existsSync(path.join(sharedDir, "data"));
export const faceApiSample = (n: number) =>
  path.join(repoRoot, "node_modules/@vladmandic/face-api/demo", `sample${n}.jpg`);

/** A temporary frames folder: entries are symlinks to real images, or raw bytes (e.g. a corrupt JPEG). */
export async function makeFramesDir(
  entries: (string | Uint8Array)[],
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "hailong-frames-"));
  for (const [i, entry] of entries.entries()) {
    const name = path.join(dir, `frame-${String(i).padStart(4, "0")}.jpg`);
    if (typeof entry === "string") await symlink(entry, name);
    else await writeFile(name, entry);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Starts of a JPEG whose entropy data is garbage: sharp cannot decode it. */
export const CORRUPT_JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 1, 2, 3, 4, 5, 0xff, 0xd9]);

/** Runs a counter pipeline over a finite source to its end; returns it (for stats/snapshot) and every event. */
export async function runToEnd(deps: CounterPipelineDeps) {
  const pipeline = createCounterPipeline(deps);
  const events: OutboundEvent[] = [];
  await pipeline.start();
  for await (const event of pipeline.events()) events.push(event);
  return { pipeline, events };
}

/**
 * Plays a folder of frames through one counter's pipeline as fast as it runs (not in real time, timestamps from
 * a fixed start at `fps`), the last frame held `holdLastMs`, without health messages; returns every event.
 */
export async function playFolder(
  dir: string,
  timing: { fps: number; holdLastMs: number },
  deps: Omit<CounterPipelineDeps, "source" | "health">,
): Promise<OutboundEvent[]> {
  const source = createFolderSource({ dir, ...timing, realtime: false, startTs: 1_800_000_000_000 });
  return (await runToEnd({ ...deps, source, health: false })).events;
}
