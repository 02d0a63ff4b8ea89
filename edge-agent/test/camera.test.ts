import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "@hailong/common";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { decodeFrame } from "../src/camera/decode-frame.js";
import { createFfmpegSource } from "../src/camera/ffmpeg-source.js";
import { createFolderSource } from "../src/camera/folder-source.js";
import { createMjpegSource, createSnapshotSource } from "../src/camera/http-sources.js";
import type { CapturedFrame, FrameSource } from "../src/camera/types.js";
import { CORRUPT_JPEG, faceApiSample, makeFramesDir } from "./fixtures.js";

async function collect(source: FrameSource, max: number, timeoutMs = 10_000): Promise<CapturedFrame[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const frames: CapturedFrame[] = [];
  try {
    for await (const frame of source.frames(controller.signal)) {
      frames.push(frame);
      if (frames.length >= max) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return frames;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe("folder source", () => {
  it("plays files in name order with index/fps timestamps and holds the last image", async () => {
    const folder = await makeFramesDir([faceApiSample(1), faceApiSample(2), faceApiSample(3)]);
    try {
      const source = createFolderSource({
        dir: folder.dir,
        fps: 4,
        holdLastMs: 1000,
        realtime: false,
        startTs: 10_000,
      });
      const frames = await collect(source, 100);
      expect(frames.map((f) => f.ts)).toEqual([10_000, 10_250, 10_500, 10_750, 11_000, 11_250, 11_500]);
      const last = await readFile(faceApiSample(3));
      expect(Buffer.from(frames[6]?.bytes ?? []).equals(last)).toBe(true);
      expect(source.status()).toMatchObject({ state: "ended", captured: 7 });
    } finally {
      await folder.remove();
    }
  });

  it("in realtime mode paces frames on the wall clock through the latest-frame slot", async () => {
    const folder = await makeFramesDir([faceApiSample(1), faceApiSample(2)]);
    try {
      const source = createFolderSource({ dir: folder.dir, fps: 20, loop: true, realtime: true });
      const started = Date.now();
      const frames = await collect(source, 6);
      expect(frames).toHaveLength(6);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    } finally {
      await folder.remove();
    }
  });
});

describe("frame decoding", () => {
  it("returns a counted failure, not a throw, for a corrupt JPEG", async () => {
    const bad = await decodeFrame(CORRUPT_JPEG);
    expect(bad.ok).toBe(false);
    const good = await decodeFrame(await readFile(faceApiSample(1)));
    expect(good.ok && good.image.width).toBe(1920);
  });

  it("decodes an HTTP camera's JPEG straight to the analysis width, never enlarging a small one", async () => {
    const jpeg = await readFile(faceApiSample(1));
    const small = await decodeFrame(jpeg, 640);
    expect(small.ok && [small.image.width, small.image.data.length]).toEqual([
      640,
      640 * 3 * (small.ok ? small.image.height : 0),
    ]);
    const unchanged = await decodeFrame(jpeg, 4000);
    expect(unchanged.ok && unchanged.image.width).toBe(1920);
  });
});

describe("HTTP sources", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) await close(s);
  });

  it("an unreachable snapshot URL reports reconnecting then lost, without crashing", async () => {
    const dead = createServer();
    const url = await listen(dead);
    await close(dead); // nothing listens on this port any more
    const source = createSnapshotSource({
      url: `${url}/snapshot.jpg`,
      intervalMs: 50,
      reconnect: { initialMs: 20, maxMs: 40, lostAfterFailures: 4 },
    });
    const controller = new AbortController();
    const states = new Set<string>();
    const poll = setInterval(() => states.add(source.status().state), 5);
    const frames: CapturedFrame[] = [];
    setTimeout(() => controller.abort(), 400);
    for await (const frame of source.frames(controller.signal)) frames.push(frame);
    clearInterval(poll);
    expect(frames).toHaveLength(0);
    expect(states.has("reconnecting")).toBe(true);
    expect(states.has("lost")).toBe(true);
    expect(source.status().reconnects).toBeGreaterThanOrEqual(4);
    expect(source.status().lastError).toBeTruthy();
  });

  it("polls a snapshot URL", async () => {
    const jpeg = await readFile(faceApiSample(2));
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg));
    servers.push(server);
    const source = createSnapshotSource({ url: `${await listen(server)}/snap.jpg`, intervalMs: 50 });
    const frames = await collect(source, 3);
    expect(frames).toHaveLength(3);
    expect(Buffer.from(frames[0]?.bytes ?? []).equals(jpeg)).toBe(true);
    expect(source.status().state).toBe("ok");
  });

  it("splits an MJPEG multipart stream into frames", async () => {
    const images = await Promise.all([1, 2, 3].map((n) => readFile(faceApiSample(n))));
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "multipart/x-mixed-replace; boundary=frame" });
      for (const img of images) {
        res.write(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${img.length}\r\n\r\n`);
        res.write(img);
        res.write("\r\n");
      }
    });
    servers.push(server);
    const source = createMjpegSource({ url: `${await listen(server)}/video.mjpg` });
    // A slow consumer: while it works on frame 1, frames 2 and 3 arrive and only the newest survives.
    const controller = new AbortController();
    const frames = source.frames(controller.signal)[Symbol.asyncIterator]();
    const first = await frames.next();
    for (let waited = 0; source.status().captured < 3 && waited < 5000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await frames.next();
    controller.abort();
    await frames.return?.();
    expect(Buffer.from(first.value?.bytes ?? []).equals(images[0] as Buffer)).toBe(true);
    expect(Buffer.from(second.value?.bytes ?? []).equals(images[2] as Buffer)).toBe(true);
    expect(source.status()).toMatchObject({ captured: 3, dropped: 1 });
  });
});

describe("ffmpeg source", () => {
  it("decodes a video file into frames at the requested fps with index timestamps", async () => {
    const video = path.join(tmpdir(), `hailong-test-${process.pid}.mp4`);
    await promisify(execFile)(ffmpegPath(), [
      "-y",
      "-loglevel",
      "error",
      "-loop",
      "1",
      "-i",
      faceApiSample(1),
      "-t",
      "2",
      "-r",
      "10",
      "-vf",
      "scale=640:-2",
      "-pix_fmt",
      "yuv420p",
      video,
    ]);
    try {
      const source = createFfmpegSource({ url: video, fps: 5, realtime: false, startTs: 0 });
      const frames = await collect(source, 100, 20_000);
      expect(frames.length).toBeGreaterThanOrEqual(9);
      expect(frames.length).toBeLessThanOrEqual(11);
      expect(frames.slice(0, 3).map((f) => f.ts)).toEqual([0, 200, 400]);
      // Raw RGB at the requested size, never a JPEG to decode again.
      expect(frames[0]?.bytes).toBeUndefined();
      expect(frames[0]?.image?.width).toBe(640);
      expect(frames[0]?.image?.data.length).toBe(640 * (frames[0]?.image?.height ?? 0) * 3);
    } finally {
      await import("node:fs/promises").then((fs) => fs.rm(video, { force: true }));
    }
  });

  it("reports a missing file as reconnecting in live mode", async () => {
    const source = createFfmpegSource({
      url: "/nonexistent/video.mp4",
      fps: 5,
      reconnect: { initialMs: 20, maxMs: 40, lostAfterFailures: 10 },
    });
    const controller = new AbortController();
    // ffmpeg's start takes a while on a loaded box: stop once the first failure is reported (or after 10 s).
    const started = Date.now();
    const poll = setInterval(() => {
      if (source.status().state !== "starting" || Date.now() - started > 10_000) controller.abort();
    }, 20);
    onTestFinished(() => clearInterval(poll));
    for await (const _ of source.frames(controller.signal)) expect.unreachable();
    expect(source.status().state).toBe("reconnecting");
    expect(source.status().lastError).toMatch(/ffmpeg failed/);
  });
});
