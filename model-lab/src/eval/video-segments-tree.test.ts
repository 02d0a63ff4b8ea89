import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "@hailong/common";
import { afterAll, describe, expect, it } from "vitest";
import { buildVideoSegmentsTree, parseSegmentsCsv, segmentAt } from "./video-segments-tree.js";

const HEADER = "start_s,end_s,label,caption_ko,note";

describe("labelled video segments", () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const d of made) await rm(d, { recursive: true, force: true });
  });

  it("parses start, end and label and ignores further columns", () => {
    const csv = `${HEADER}\n0.00,0.85,happy,웃음 (laughter),caption fades\n2.85,4.05,angry,화남 (anger),x\n`;
    expect(parseSegmentsCsv(csv, "clip.csv")).toEqual([
      { startS: 0, endS: 0.85, label: "happy" },
      { startS: 2.85, endS: 4.05, label: "angry" },
    ]);
  });

  it("refuses an unknown label or a reversed segment, naming the file and line", () => {
    expect(() => parseSegmentsCsv(`${HEADER}\n0,1,happy\n1,2,furious\n`, "clip.csv")).toThrow(
      /clip\.csv line 3: .*"1,2,furious"/,
    );
    expect(() => parseSegmentsCsv(`${HEADER}\n2,1,sad\n`, "clip.csv")).toThrow(/clip\.csv line 2/);
    expect(() => parseSegmentsCsv(`${HEADER}\n0,1,happy\n\n2,1,sad\n`, "clip.csv")).toThrow(/clip\.csv line 4/);
    expect(() => parseSegmentsCsv("from,to,label\n", "clip.csv")).toThrow(/header start_s,end_s,label/);
  });

  it("places a frame in a segment only inside the margin", () => {
    const segments = parseSegmentsCsv(`${HEADER}\n1.0,2.0,sad\n`, "clip.csv");
    expect(segmentAt(segments, 1.2, 0.25)).toBeUndefined();
    expect(segmentAt(segments, 1.25, 0.25)?.label).toBe("sad");
    expect(segmentAt(segments, 1.8, 0.25)).toBeUndefined();
  });

  // ffmpeg runs twice (make the clip, sample it): seconds on a loaded 2-core box, hence the longer timeout.
  it("samples a video with ffmpeg into one folder per label, frames outside the segments left out", {
    timeout: 30_000,
  }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "hailong-segments-"));
    made.push(dir);
    const video = path.join(dir, "clip.mp4");
    await promisify(execFile)(ffmpegPath(), [
      ...["-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=3"],
      ...["-pix_fmt", "yuv420p", video],
    ]);
    const csv = path.join(dir, "clip.csv");
    await writeFile(csv, `${HEADER}\n0.0,1.0,happy\n1.5,3.0,surprise\n`);
    const tree = await buildVideoSegmentsTree(video, csv, { fps: 10, marginS: 0.2 });
    made.push(tree.dir);
    // frame n at n/10 s: happy 0.2–0.8 s → frames 2..8; surprise 1.7–2.8 s → frames 17..28
    const happy = await readdir(path.join(tree.dir, "happy"));
    const surprise = await readdir(path.join(tree.dir, "surprise"));
    expect(happy).toHaveLength(7);
    expect(surprise).toHaveLength(12);
    expect(tree.count).toBe(19);
    expect(happy[0]).toBe("clip-000003.jpg");
    expect((await readdir(tree.dir)).sort()).toEqual(["happy", "surprise"]);
  });

  it("a video ffmpeg cannot read fails with its message and leaves no temp folder behind", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "hailong-segments-"));
    made.push(dir);
    const csv = path.join(dir, "clip.csv");
    await writeFile(csv, `${HEADER}\n0.0,1.0,happy\n`);
    const trees = async () => (await readdir(os.tmpdir())).filter((n) => n.startsWith("hailong-video-")).sort();
    const before = await trees();
    await expect(buildVideoSegmentsTree(path.join(dir, "missing.mp4"), csv)).rejects.toThrow(
      /ffmpeg exited 1: .*missing\.mp4/,
    );
    expect(await trees()).toEqual(before);
  });
});
