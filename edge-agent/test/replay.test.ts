import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { isInstalled } from "@hailong/models";
import { MESSAGE_SCHEMAS } from "@hailong/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundEvent } from "../src/pipeline/types.js";
import { CORRUPT_JPEG, faceApiSample, hasShared, makeFramesDir, repoRoot, sharedDir } from "./fixtures.js";

const run = promisify(execFile);

async function hailong(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const bin = path.join(repoRoot, "cli/bin/hailong.mjs");
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: repoRoot, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function parseLines(stdout: string): OutboundEvent[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as OutboundEvent);
}

describe("hailong agent replay", () => {
  let folder: Awaited<ReturnType<typeof makeFramesDir>>;
  beforeAll(async () => {
    // sample6: four people side by side, face centres at x ≈ 0.18, 0.40, 0.67 and 0.83 of the width with
    // either detector (BlazeFace-front offline, YuNet with downloads); the corrupt frame in the middle is skipped
    const s = faceApiSample(6);
    folder = await makeFramesDir([s, s, CORRUPT_JPEG, s, s]);
  });
  afterAll(() => folder.remove());

  it("--json prints only schema-valid event lines and exits 0", async () => {
    const { code, stdout, stderr } = await hailong(["agent", "replay", "--frames", folder.dir, "--fps", "5", "--json"]);
    expect(code, stderr).toBe(0);
    const events = parseLines(stdout);
    for (const event of events) {
      expect(["visit", "incident", "score"]).toContain(event.kind);
      expect(MESSAGE_SCHEMAS[event.kind].safeParse(event.message).success).toBe(true);
      expect(event.message.counterId).toBe("replay");
    }
    const visits = events.flatMap((e) => (e.kind === "visit" ? [e.message] : []));
    expect(visits.filter((v) => v.kind === "start")).toHaveLength(4);
    expect(visits.filter((v) => v.kind === "end")).toHaveLength(4);
    expect(stderr).toMatch(/1 undecodable/);
  });

  it("applies the config's ROI and counter id", async () => {
    const config = path.join(folder.dir, "agent.yaml");
    await writeFile(
      config,
      [
        "agentId: desk-agent",
        "counters:",
        "  - id: desk-7",
        "    camera: { type: folder, dir: unused }",
        "    tuning:",
        // only the leftmost face's centre (x ≈ 0.18) is inside; the next one is at x ≈ 0.40
        "      roi: [[0, 0], [0.3, 0], [0.3, 1], [0, 1]]",
        "",
      ].join("\n"),
    );
    const { code, stdout, stderr } = await hailong([
      "agent",
      "replay",
      "--frames",
      folder.dir,
      "--config",
      config,
      "--json",
    ]);
    expect(code, stderr).toBe(0);
    const events = parseLines(stdout);
    expect(events.every((e) => e.message.counterId === "desk-7" && e.message.agentId === "desk-agent")).toBe(true);
    const starts = events.filter((e) => e.kind === "visit" && e.message.kind === "start");
    expect(starts).toHaveLength(1);
  });

  it("needs exactly one of --frames and --video", async () => {
    const { code, stdout, stderr } = await hailong(["agent", "replay", "--json"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--frames/);
  });
});

// The walkers' faces are 60–150 px tall in the 1080p frame: inside YuNet's range (88 % of 96-px faces found in a
// 1080p frame), below BlazeFace-front's (2 % at 96 px, 90 % from 160 px; README, "Detection range"), so the
// test pins YuNet, which `hailong models fetch` installs (CI does).
const yunetReady = await isInstalled("yunet-2023mar");

describe.skipIf(!hasShared || !yunetReady)("hailong agent replay --video on real footage (ffmpeg, 1080p h264)", () => {
  // ../shared/data/video: 4.2 s of people walking toward the camera through an arcade (unlabelled). Three
  // walkers stay in the foreground from the first frame to the last (a white-haired woman, a red-haired boy
  // and a boy in a hoodie, their faces growing by about half); others pass or appear behind them.
  const crowd = path.join(sharedDir, "data/video/crowd_walking_toward_camera_1080p.mp4");

  it("keeps each walker who stays in view as one visit across the clip, and passers-by raise no incident", async () => {
    const config = path.join(await mkdtemp(path.join(tmpdir(), "hailong-crowd-")), "agent.yaml");
    await writeFile(
      config,
      [
        "agentId: crowd",
        "models: { detector: yunet-2023mar }",
        "counters: [{ id: replay, camera: { type: folder, dir: unused } }]",
        "",
      ].join("\n"),
    );
    const { code, stdout, stderr } = await hailong([
      "agent",
      "replay",
      "--video",
      crowd,
      "--fps",
      "5",
      "--config",
      config,
      "--json",
    ]);
    await rm(path.dirname(config), { recursive: true, force: true });
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/21 frames, 0 undecodable/);
    const events = parseLines(stdout);
    const ends = events.flatMap((e) => (e.kind === "visit" && e.message.kind === "end" ? [e.message] : []));
    const starts = events.filter((e) => e.kind === "visit" && e.message.kind === "start");
    expect(ends).toHaveLength(starts.length);
    // A face lost and found again by the tracker would split a walker into two shorter visits.
    const wholeClip = ends.filter((v) => v.durationMs >= 3500);
    expect(wholeClip.length, JSON.stringify(ends.map((v) => [v.durationMs, v.frames]))).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.kind === "incident")).toHaveLength(0);
  });
});
