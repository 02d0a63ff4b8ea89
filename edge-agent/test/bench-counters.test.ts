import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "@hailong/common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCountersBench } from "../src/bench/counters-bench.js";
import { faceApiSample } from "./fixtures.js";

// Smoke run only: the bench's figures are printed by `hailong bench counters`, never asserted.
describe("hailong bench counters (short smoke run)", () => {
  let dir: string;
  let video: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hailong-bench-counters-"));
    video = path.join(dir, "citizen-at-counter.mp4");
    // A citizen at a counter: one face photo held, as an H.264 clip like a camera's sub-stream.
    await promisify(execFile)(ffmpegPath(), [
      ...["-y", "-loglevel", "error", "-loop", "1", "-i", faceApiSample(1), "-t", "2", "-r", "10"],
      ...["-vf", "scale=640:-2", "-preset", "ultrafast", "-pix_fmt", "yuv420p", video],
    ]);
  }, 150_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs two counters through ffmpeg in real time and Human on the same frames, and prints every figure", async () => {
    const lines: string[] = [];
    const { agent, human } = await runCountersBench({
      counters: 2,
      fps: 5,
      videos: [video],
      seconds: 3,
      warmupSeconds: 2,
      models: "offline",
      humanFrames: 3,
      out: (line) => lines.push(line),
    });
    expect(agent).toHaveLength(1);
    const [row] = agent;
    expect(row?.analysed).toBeGreaterThan(0);
    expect(row?.agentCpuMs).toBeGreaterThan(0);
    expect(row?.ffmpegCpuMs).toBeGreaterThan(0);
    expect(row?.rssPeakMb).toBeGreaterThan(0);
    expect(human?.frames).toBe(3);
    expect(human?.cpuMsPerFrame).toBeGreaterThan(0);
    const text = lines.join("\n");
    expect(text).toMatch(/ms per counter-second → \d+ counters per core/);
    expect(text).toMatch(/dropped/);
    expect(text).toMatch(/less CPU than Human/);
  }, 180_000);
});
