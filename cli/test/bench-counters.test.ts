import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ffmpegPath } from "@hailong/common";
import { FACE_API_SAMPLES } from "@hailong/common/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/hailong.mjs", import.meta.url));

// Smoke run only: the bench's figures are printed by `hailong bench counters`, never asserted. Run through the
// CLI, which gives the agent's bench its @vladmandic/human comparison from the model lab.
describe("hailong bench counters (short smoke run)", () => {
  let dir: string;
  let video: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hailong-bench-counters-"));
    video = path.join(dir, "citizen-at-counter.mp4");
    // A citizen at a counter: one face photo held, as an H.264 clip like a camera's sub-stream.
    await promisify(execFile)(ffmpegPath(), [
      ...["-y", "-loglevel", "error", "-loop", "1", "-i", path.join(FACE_API_SAMPLES, "sample1.jpg"), "-t", "2"],
      ...["-r", "10", "-vf", "scale=640:-2", "-preset", "ultrafast", "-pix_fmt", "yuv420p", video],
    ]);
  }, 150_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // Unpaced (--no-realtime): every frame as fast as the agent takes it, so a loaded CI box still yields frames.
  it("runs two counters through ffmpeg and Human on the same frames, and prints every figure", async () => {
    // ffmpeg and the models take seconds to start on a loaded 2-core box: a 10 s warm-up.
    const args = ["bench", "counters", "--video", video, "--counters", "2", "--fps", "5", "--seconds", "5"];
    args.push("--warmup", "10", "--no-realtime", "--models", "offline", "--human-frames", "3");
    const { stdout: text } = await promisify(execFile)(process.execPath, [bin, ...args], { timeout: 170_000 });
    const agentRows = text.match(/: 2 counters × [\d.]+ s — agent CPU [\d.]+ ms per frame taken/g);
    expect(agentRows).toHaveLength(1);
    const frames = /frames: \d+ captured, (\d+) analysed/.exec(text);
    expect(Number(frames?.[1])).toBeGreaterThan(0);
    expect(Number(/agent CPU ([\d.]+) ms per frame taken/.exec(text)?.[1])).toBeGreaterThan(0);
    expect(Number(/peak ([\d.]+) MB/.exec(text)?.[1])).toBeGreaterThan(0);
    const human = /@vladmandic\/human .*: ([\d.]+) CPU ms per frame on (\d+) of the same frames/.exec(text);
    expect(human?.[2]).toBe("3");
    expect(Number(human?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/ms per counter-second → \d+ counters per core/);
    expect(text).toMatch(/ffmpeg decode [\d.]+ ms per counter-second/);
    expect(text).toMatch(/dropped/);
    const runs =
      /per counter-second: ([\d.]+) ROI searches, ([\d.]+) searches around tracked faces, ([\d.]+) classifications/.exec(
        text,
      );
    expect(Number(runs?.[1]) + Number(runs?.[2])).toBeGreaterThan(0);
    expect(Number(runs?.[3])).toBeGreaterThan(0);
    expect(text).toMatch(/less CPU than Human/);
  }, 180_000);
});
