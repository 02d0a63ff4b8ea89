import { readFile } from "node:fs/promises";
import type { FaceAnalyzer, RgbImage } from "@hailong/models";
import { SnapshotResultSchema } from "@hailong/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFrame } from "../src/camera/decode-frame.js";
import { createFramePool } from "../src/camera/frame-pool.js";
import type { CapturedFrame, FrameSource } from "../src/camera/types.js";
import { AgentConfigSchema } from "../src/config/schema.js";
import { loadFaceAnalyzer } from "../src/vision/load-analyzer.js";
import { faceApiSample, runToEnd } from "./fixtures.js";

const FRAMES = 60;
const FPS = 5;

/**
 * A camera that recycles frame buffers as ffmpeg's source does, and poisons (zeroes) every buffer it gets back:
 * a buffer released while the pipeline still reads it would reach the models, the drift check or a snapshot
 * as a black frame.
 */
function recyclingCamera(face: RgbImage, other: RgbImage, recycle = true) {
  const pool = createFramePool();
  const buffers = new Set<Uint8Array>();
  const released: Uint8Array[] = [];
  const source: FrameSource = {
    description: "recycling test camera",
    async *frames(): AsyncGenerator<CapturedFrame> {
      for (let i = 0; i < FRAMES; i++) {
        // a citizen for 4 s, an empty counter for 2 s, another citizen for the rest
        const picture = i < 20 || i >= 30 ? (i < 30 ? face : other) : undefined;
        const data = recycle ? pool.take(face.data.length) : new Uint8Array(face.data.length);
        buffers.add(data);
        if (picture) data.set(picture.data);
        else data.fill(90);
        const release = () => {
          released.push(data);
          data.fill(0);
          pool.give(data);
        };
        yield {
          ts: 1_800_000_000_000 + (i * 1000) / FPS,
          image: { width: face.width, height: face.height, data },
          release,
        };
      }
    },
    status: () => ({ state: "ok", captured: FRAMES, dropped: 0, reconnects: 0 }),
  };
  return { source, buffers, released };
}

/** The real analyzer; every image it is handed must not be a poisoned (released) buffer. */
function checking(analyzer: FaceAnalyzer) {
  const poisoned: string[] = [];
  const check = (what: string, image: RgbImage) => {
    if (image.data.every((v, i) => i % 997 !== 0 || v === 0)) poisoned.push(what);
  };
  const wrapped: FaceAnalyzer = {
    ...analyzer,
    async detect(image, region, size) {
      check("detect", image);
      return analyzer.detect(image, region, size);
    },
    async classify(image, faces) {
      check("classify", image);
      return analyzer.classify(image, faces);
    },
  };
  return { analyzer: wrapped, poisoned };
}

describe("frame buffers recycled by the camera", () => {
  const config = AgentConfigSchema.parse({
    agentId: "agent-recycling",
    counters: [{ id: "recycling", camera: { type: "folder", dir: "unused", realtime: false } }],
  });
  const counter = config.counters[0] as (typeof config.counters)[number];
  let analyzer: FaceAnalyzer;
  let face: RgbImage;
  let other: RgbImage;

  beforeAll(async () => {
    analyzer = await loadFaceAnalyzer(config.models);
    const decoded = await decodeFrame(new Uint8Array(await readFile(faceApiSample(2))), 640);
    if (!decoded.ok) throw new Error(decoded.reason);
    face = decoded.image;
    const flipped = new Uint8Array(face.data.length);
    for (let p = 0; p < face.width * face.height; p++) {
      const [x, y] = [p % face.width, Math.floor(p / face.width)];
      flipped.set(face.data.subarray(p * 3, p * 3 + 3), (y * face.width + (face.width - 1 - x)) * 3);
    }
    other = { ...face, data: flipped };
  }, 60_000);
  afterAll(() => analyzer?.close());

  const play = async (recycle: boolean) => {
    const camera = recyclingCamera(face, other, recycle);
    const checked = checking(analyzer);
    const run = await runToEnd({
      agentId: config.agentId,
      counter,
      publish: config.publish,
      analyzer: checked.analyzer,
      analysis: config.analysis,
      source: camera.source,
      health: false,
    });
    const summary = run.events.map((e) => {
      if (e.kind === "visit") return `visit ${e.message.kind} ${e.message.ts}`;
      if (e.kind === "incident") return `incident ${e.message.phase ?? ""} ${e.message.ts}`;
      return e.kind;
    });
    return { ...run, camera, poisoned: checked.poisoned, summary };
  };

  it("reuses a few buffers, gives back none the models, the drift check or the snapshot still read", async () => {
    const fresh = await play(false);
    const recycled = await play(true);
    expect(recycled.poisoned).toEqual([]);
    // the same visits and events as with a fresh buffer per frame: nothing read a poisoned buffer
    expect(recycled.summary).toEqual(fresh.summary);
    expect(recycled.summary.some((line) => line.startsWith("visit start"))).toBe(true);
    // the buffers go round: far fewer than one per frame
    expect(recycled.camera.buffers.size).toBeLessThanOrEqual(4);
    expect(recycled.camera.released.length).toBeGreaterThan(FRAMES - 5);
    // the snapshot renders the last frame (kept, never given back) from its own copy: real pixels, the faces in it
    const snapshot = SnapshotResultSchema.parse(await recycled.pipeline.snapshot({ showFaces: true }));
    expect(snapshot.brightness).toBeGreaterThan(20);
    expect(snapshot.faces.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
