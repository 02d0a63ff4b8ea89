import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOWNLOADABLE_MODELS, upstreamFileName } from "./catalogue.js";
import { fetchModels } from "./fetch-models.js";

describe("models fetch", () => {
  let root: string;
  let mirror: string;
  let modelsDir: string;
  const yunet = DOWNLOADABLE_MODELS[0] as (typeof DOWNLOADABLE_MODELS)[number];

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "hailong-fetch-"));
    mirror = path.join(root, "mirror");
    modelsDir = path.join(root, "models");
    await mkdir(mirror, { recursive: true });
    await writeFile(path.join(mirror, upstreamFileName(yunet)), "not the real model");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("refuses a file whose checksum does not match and leaves nothing behind", async () => {
    await expect(fetchModels({ ids: [yunet.manifest.id], mirror, modelsDir })).rejects.toThrow(/checksum mismatch/);
    const written = await readdir(path.join(modelsDir, "downloaded")).catch(() => []);
    expect(written).toEqual([]);
  });
  it("names the missing file when the mirror lacks it", async () => {
    await expect(fetchModels({ ids: ["fer-mobilefacenet-int8"], mirror, modelsDir })).rejects.toThrow(
      /has no facial_expression_recognition_mobilefacenet_2022july_int8\.onnx/,
    );
  });
  it("rejects unknown ids with the list of known ones", async () => {
    await expect(fetchModels({ ids: ["nope"], mirror, modelsDir })).rejects.toThrow(/known: yunet-2023mar/);
  });
  it("reports an HTTP failure from the upstream URL", async () => {
    const fetchFn = (async () => new Response("gone", { status: 404 })) as typeof fetch;
    await expect(fetchModels({ ids: [yunet.manifest.id], modelsDir, fetchFn })).rejects.toThrow(/HTTP 404/);
  });
});
