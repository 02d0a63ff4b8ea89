import { lstat, mkdir, mkdtemp, readdir, readlink, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCkplusTree } from "./ckplus-tree.js";

describe("CK+ label tree", () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const d of made) await rm(d, { recursive: true, force: true });
  });

  it("links each sequence's first frame as neutral and its last frame as the apex label", async () => {
    const src = await mkdtemp(path.join(os.tmpdir(), "hailong-ck-src-"));
    made.push(src);
    const seq = path.join(src, "disgust", "S001_002");
    await mkdir(seq, { recursive: true });
    for (const f of ["S001_002_03.png", "S001_002_01.png", "S001_002_02.png"]) await writeFile(path.join(seq, f), f);
    const { dir, count } = await buildCkplusTree(src);
    made.push(dir);
    expect(count).toBe(2);
    expect(await readdir(path.join(dir, "neutral"))).toEqual(["ckplus-S001_002-first.png"]);
    const apex = path.join(dir, "disgust", "ckplus-S001_002-last.png");
    expect((await lstat(apex)).isSymbolicLink()).toBe(true);
    expect(await readlink(apex)).toBe(path.join(seq, "S001_002_03.png"));
  });
});
