import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { FACE_API_SAMPLES, REPO_ROOT } from "@hailong/common/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const HAILONG = path.join(REPO_ROOT, "cli/bin/hailong.mjs");

async function hailong(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [HAILONG, ...args], { cwd: REPO_ROOT, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("hailong eval / models fetch CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "hailong-eval-cli-"));
    await mkdir(path.join(dir, "data", "happy"), { recursive: true });
    await mkdir(path.join(dir, "empty-mirror"), { recursive: true });
    for (const n of [1, 2, 3]) {
      await symlink(path.join(FACE_API_SAMPLES, `sample${n}.jpg`), path.join(dir, "data", "happy", `demo-${n}.jpg`));
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("--json prints exactly one JSON object on stdout", async () => {
    const args = ["eval", "--data", path.join(dir, "data"), "--detector", "blazeface-front"];
    const { code, stdout } = await hailong([
      ...args,
      "--model",
      "emotion-minixception",
      "--include",
      "demo-*",
      "--json",
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(report.n).toBe(3);
    expect(report.noFace).toBe(0);
    expect(report.confusion.columns.at(-1)).toBe("none");
    expect(report.accuracy).toBeGreaterThanOrEqual(0);
    expect(typeof report.dissatisfied.threshold).toBe("number");
    expect(report.msPerImage).toBeGreaterThan(0);
  });
  it("--on-frame places each image on a 640×480 frame before detection; with --cropped it is refused", async () => {
    const args = ["eval", "--data", path.join(dir, "data"), "--detector", "blazeface-front"];
    const model = ["--model", "emotion-minixception", "--include", "demo-*"];
    const { code, stdout } = await hailong([...args, ...model, "--on-frame", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ n: 3, onFrame: true, cropped: false, detector: "blazeface-front" });
    const refused = await hailong([...args, ...model, "--on-frame", "--cropped"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--cropped and --on-frame exclude each other/);
  });
  it("models fetch from a mirror lacking the file fails with a clear message", async () => {
    const mirror = path.join(dir, "empty-mirror");
    const { code, stderr } = await hailong([
      "models",
      "fetch",
      "--mirror",
      mirror,
      "--models-dir",
      dir,
      "yunet-2023mar",
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/HAILONG_ERR_MODEL: mirror folder .* has no face_detection_yunet_2023mar\.onnx/);
  });
});
