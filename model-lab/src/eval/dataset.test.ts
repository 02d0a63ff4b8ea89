import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readableImageSuffixes } from "@hailong/models/toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globToRegExp, listLabelledImages } from "./dataset.js";

describe("labelled image folders", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "hailong-dataset-"));
    for (const [label, name] of [
      ["angry", "fer2013-1.jpg"],
      ["angry", "wild-a.JPG"],
      ["happy", "fer2013-2.png"],
      ["happy", "notes.txt"],
      ["sad", "jaffe-KL.SA1.tiff"],
      ["sad", "scan.TIF"],
      ["surprise", "photo.webp"],
      ["unknown", "fer2013-3.jpg"],
    ]) {
      await mkdir(path.join(dir, label as string), { recursive: true });
      await writeFile(path.join(dir, label as string, name as string), "x");
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("matches file-name globs literally apart from * and ?", () => {
    expect(globToRegExp("fer2013-*").test("fer2013-12.jpg")).toBe(true);
    expect(globToRegExp("wild-?.jpg").test("wild-a.jpg")).toBe(true);
    expect(globToRegExp("a.jpg").test("abjpg")).toBe(false);
  });
  it("matches {a,b} alternatives, so one glob names a set of performers", () => {
    const heldOut = globToRegExp("taiwan-{02,11}*");
    expect(heldOut.test("taiwan-0211d20.jpg")).toBe(true);
    expect(heldOut.test("taiwan-1121a01.jpg")).toBe(true);
    expect(heldOut.test("taiwan-0311d20.jpg")).toBe(false);
  });
  it("lists images of known label folders only, filtered by --include", async () => {
    const all = await listLabelledImages(dir);
    expect(all.map((i) => `${i.label}/${path.basename(i.file)}`)).toEqual([
      "angry/fer2013-1.jpg",
      "angry/wild-a.JPG",
      "happy/fer2013-2.png",
      "sad/jaffe-KL.SA1.tiff",
      "sad/scan.TIF",
      "surprise/photo.webp",
    ]);
    expect((await listLabelledImages(dir, "wild-*")).map((i) => i.label)).toEqual(["angry"]);
  });
  it("takes every suffix sharp reads from files, TIFF included, and nothing it cannot read", () => {
    const suffixes = readableImageSuffixes();
    for (const suffix of [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".gif"])
      expect(suffixes).toContain(suffix);
    expect(suffixes).not.toContain(".txt");
    expect(suffixes).not.toContain(".pdf");
  });
});
