import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { MESSAGE_SCHEMAS } from "@hailong/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundEvent } from "../src/pipeline/types.js";
import { CORRUPT_JPEG, faceApiSample, makeFramesDir, repoRoot } from "./fixtures.js";

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
