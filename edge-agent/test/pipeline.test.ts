import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { FaceAnalyzer } from "@hailong/models";
import { MESSAGE_SCHEMAS, SnapshotResultSchema } from "@hailong/protocol";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFolderSource } from "../src/camera/folder-source.js";
import { createSnapshotSource } from "../src/camera/http-sources.js";
import { AgentConfigSchema } from "../src/config/schema.js";
import { createCounterPipeline } from "../src/pipeline/create-counter-pipeline.js";
import type { OutboundEvent } from "../src/pipeline/types.js";
import { loadFaceAnalyzer } from "../src/vision/load-analyzer.js";
import { CORRUPT_JPEG, faceApiSample, makeFramesDir, runToEnd } from "./fixtures.js";

describe("counter pipeline on real photos (folder source, real models)", () => {
  let analyzer: FaceAnalyzer;
  const config = AgentConfigSchema.parse({
    agentId: "agent-test",
    counters: [{ id: "counter-1", camera: { type: "folder", dir: "unused", realtime: false } }],
  });
  const counter = config.counters[0] as (typeof config.counters)[number];

  beforeAll(async () => {
    analyzer = await loadFaceAnalyzer(config.models);
  });
  afterAll(async () => {
    await analyzer?.close();
  });

  it("finds faces, starts and ends visits, skips a corrupt JPEG and keeps going", async () => {
    // sample6 shows four people; both the npm-only detector (BlazeFace-front) and YuNet find the same four
    const sample = faceApiSample(6);
    const folder = await makeFramesDir([sample, sample, CORRUPT_JPEG, sample, sample]);
    try {
      const source = createFolderSource({ dir: folder.dir, fps: 5, realtime: false, startTs: 1_800_000_000_000 });
      const { pipeline, events } = await runToEnd({
        agentId: config.agentId,
        counter,
        publish: config.publish,
        analyzer,
        source,
      });

      for (const e of events) expect(MESSAGE_SCHEMAS[e.kind].safeParse(e.message).success).toBe(true);
      expect(pipeline.counters().decodeFailures).toBe(1);
      const visits = events.flatMap((e) => (e.kind === "visit" ? [e.message] : []));
      const starts = visits.filter((v) => v.kind === "start");
      // each of the four becomes a visit after startFrames (3) analysed frames
      expect(starts).toHaveLength(4);
      for (const start of starts) {
        const end = visits.find((v) => v.visitId === start.visitId && v.kind === "end");
        expect(end?.frames).toBe(4);
        expect(end?.seq).toBeGreaterThan(start.seq);
      }
      expect(events.filter((e) => e.kind === "incident")).toHaveLength(0);
      expect(events.some((e) => e.kind === "score")).toBe(true);
      expect(events.at(-1)?.kind).toBe("health");

      const stats = pipeline.stats();
      expect(stats.detectionRate).toBe(1);
      expect(stats.medianFaceSizePx).toBeGreaterThan(150);
      expect(stats.inferenceMs).toBeGreaterThan(0);

      const snapshot = await pipeline.snapshot({ showFaces: false });
      expect(SnapshotResultSchema.safeParse(snapshot).success).toBe(true);
      expect(snapshot.facesBlurred).toBe(true);
      expect(snapshot.faces.filter((f) => f.inRoi)).toHaveLength(4);
      const jpeg = Buffer.from(snapshot.jpegBase64, "base64");
      const meta = await sharp(jpeg).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.width).toBe(snapshot.width);
      expect(snapshot.brightness).toBeGreaterThan(20);

      // blurred vs shown: the face regions differ, the rest of the picture is the same
      const shown = await pipeline.snapshot({ showFaces: true });
      const face = shown.faces[0]?.box as { x: number; y: number; width: number; height: number };
      const region = {
        left: Math.round(face.x + face.width * 0.25),
        top: Math.round(face.y + face.height * 0.25),
        width: Math.round(face.width / 2),
        height: Math.round(face.height / 2),
      };
      // fine detail = mean absolute difference between horizontal neighbours
      const detail = async (b64: string) => {
        const { data, info } = await sharp(Buffer.from(b64, "base64"))
          .extract(region)
          .greyscale()
          .raw()
          .toBuffer({ resolveWithObject: true });
        let sum = 0;
        for (let y = 0; y < info.height; y++) {
          for (let x = 1; x < info.width; x++) {
            sum += Math.abs((data[y * info.width + x] as number) - (data[y * info.width + x - 1] as number));
          }
        }
        return sum / (info.height * (info.width - 1));
      };
      expect(await detail(snapshot.jpegBase64)).toBeLessThan((await detail(shown.jpegBase64)) / 3);
    } finally {
      await folder.remove();
    }
  });
  it("keeps running with an unreachable camera and reports it in health as reconnecting/degraded", async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const source = createSnapshotSource({
      url: `http://127.0.0.1:${port}/snapshot.jpg`,
      intervalMs: 100,
      reconnect: { initialMs: 50, maxMs: 200, lostAfterFailures: 100 },
    });
    const pipeline = createCounterPipeline({
      agentId: config.agentId,
      counter,
      publish: { ...config.publish, healthEveryMs: 1000 },
      analyzer,
      source,
    });
    await pipeline.start();
    const events: OutboundEvent[] = [];
    const collecting = (async () => {
      for await (const event of pipeline.events()) events.push(event);
    })();
    await new Promise((r) => setTimeout(r, 1300));
    expect(pipeline.stats().cameraState).toBe("reconnecting");
    await pipeline.stop();
    await collecting;
    const health = events.flatMap((e) => (e.kind === "health" ? [e.message] : []));
    expect(health.length).toBeGreaterThanOrEqual(2);
    expect(health[0]).toMatchObject({ cameraState: "reconnecting", degraded: true, capturedFrames: 0 });
    await expect(pipeline.snapshot({ showFaces: false })).rejects.toMatchObject({ code: "HAILONG_ERR_CAMERA" });
  });
});
