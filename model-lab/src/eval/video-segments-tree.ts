import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ffmpegPath, HailongError } from "@hailong/common";
import { type ExpressionLabel, ExpressionLabelSchema } from "@hailong/models";

export interface LabelledSegment {
  startS: number;
  endS: number;
  label: ExpressionLabel;
}

/**
 * Parses a segments CSV (`start_s,end_s,label,...` with a header row; further columns are ignored). A row
 * with an unknown label or a bad time is an error naming the line: a silently skipped segment would shift
 * the reported accuracy.
 */
export function parseSegmentsCsv(text: string, source: string): LabelledSegment[] {
  // Numbered before blank lines are dropped, so an error names the line as an editor shows it.
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== "");
  const header = (lines[0]?.line ?? "").split(",").map((h) => h.trim());
  if (header[0] !== "start_s" || header[1] !== "end_s" || header[2] !== "label") {
    throw new HailongError("HAILONG_ERR_USAGE", `${source}: expected a header start_s,end_s,label,...`);
  }
  return lines.slice(1).map(({ line, number }) => {
    const [start, end, label] = line.split(",").map((cell) => cell.trim());
    const startS = Number(start);
    const endS = Number(end);
    const parsed = ExpressionLabelSchema.safeParse(label);
    if (!Number.isFinite(startS) || !Number.isFinite(endS) || endS <= startS || !parsed.success) {
      throw new HailongError(
        "HAILONG_ERR_USAGE",
        `${source} line ${number}: expected start_s < end_s (seconds) and an expression label, got "${line}"`,
      );
    }
    return { startS, endS, label: parsed.data };
  });
}

/** The segment a frame at `t` seconds belongs to, `marginS` inside both ends (captions fade at the boundaries). */
export function segmentAt(
  segments: readonly LabelledSegment[],
  t: number,
  marginS: number,
): LabelledSegment | undefined {
  return segments.find((s) => t >= s.startS + marginS && t <= s.endS - marginS);
}

function runFfmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("error", (error) =>
      reject(new HailongError("HAILONG_ERR_USAGE", `ffmpeg could not start (${error.message}); install ffmpeg`)),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new HailongError("HAILONG_ERR_USAGE", `ffmpeg exited ${code}: ${stderr}`)),
    );
  });
}

/**
 * Builds a label tree from a video and its labelled segments: ffmpeg samples the video at `fps` (frame n at
 * n/fps s) into a fresh temp folder, and every frame inside a segment (by `marginS`) is moved to <label>/;
 * the others are deleted. The frames exist only in that temp folder, for `hailong eval`; the caller removes it.
 */
export async function buildVideoSegmentsTree(
  video: string,
  segmentsCsv: string,
  options: { fps?: number; marginS?: number } = {},
): Promise<{ dir: string; count: number }> {
  const fps = options.fps ?? 24;
  const marginS = options.marginS ?? 0.25;
  const segments = parseSegmentsCsv(await readFile(segmentsCsv, "utf8"), segmentsCsv);
  const dir = await mkdtemp(path.join(os.tmpdir(), "hailong-video-"));
  try {
    const count = await sortFramesIntoTree(video, dir, segments, fps, marginS);
    return { dir, count };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function sortFramesIntoTree(
  video: string,
  dir: string,
  segments: readonly LabelledSegment[],
  fps: number,
  marginS: number,
): Promise<number> {
  const all = path.join(dir, ".frames");
  await mkdir(all);
  const stem = path.basename(video).replace(/\.[^.]+$/, "");
  await runFfmpeg(["-loglevel", "error", "-i", video, "-vf", `fps=${fps}`, "-q:v", "2", path.join(all, "%06d.jpg")]);
  let count = 0;
  for (const name of (await readdir(all)).sort()) {
    const n = Number.parseInt(name, 10) - 1;
    const segment = segmentAt(segments, n / fps, marginS);
    if (!segment) continue;
    await mkdir(path.join(dir, segment.label), { recursive: true });
    await rename(path.join(all, name), path.join(dir, segment.label, `${stem}-${name}`));
    count++;
  }
  await rm(all, { recursive: true, force: true });
  return count;
}
