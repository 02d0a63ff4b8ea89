import { createHash } from "node:crypto";
import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isHailongError } from "@hailong/common";
import { ModelManifestSchema } from "@hailong/models";
import {
  convertTfjsGraphModel,
  ensureConvertedModel,
  ensureConvertedModelDetailed,
  NPM_MODELS,
  readNpmModelSource,
} from "@hailong/models/toolkit";
import { Command } from "commander";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerModelLabCommands } from "../src/cli.js";
import { runConvertCommand } from "../src/convert/convert-command.js";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("TF.js → ONNX conversion is reproducible", () => {
  for (const spec of NPM_MODELS) {
    it(`${spec.id}: converting twice gives byte-identical ONNX`, async () => {
      const source = await readNpmModelSource(spec);
      const once = convertTfjsGraphModel({ ...source, outputs: spec.outputs });
      const twice = convertTfjsGraphModel({ ...source, outputs: spec.outputs });
      expect(sha256(twice)).toBe(sha256(once));
    });
  }
});

describe("ensureConvertedModel", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hailong-convert-"));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes an ONNX file and a valid manifest whose sha256 and size match, loadable by onnxruntime", async () => {
    const manifestPath = await ensureConvertedModel("emotion-minixception", dir);
    const manifest = ModelManifestSchema.parse(JSON.parse(await readFile(manifestPath, "utf8")));
    const onnx = await readFile(path.join(dir, manifest.file));
    expect(manifest.sha256).toBe(sha256(onnx));
    expect(manifest.bytes).toBe(onnx.byteLength);
    expect(manifest.source.package).toMatch(/^@vladmandic\/human-models@\d+\.\d+\.\d+$/);
    expect(manifest.labels).toEqual(["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]);
    expect(manifest.input).toMatchObject({
      name: "input",
      shape: ["N", 1, 64, 64],
      layout: "NCHW",
      colorOrder: "GRAY",
    });
    const session = await ort.InferenceSession.create(onnx);
    try {
      expect(session.inputNames).toEqual(["input"]);
      expect(session.outputNames).toEqual(manifest.outputs);
    } finally {
      await session.release();
    }
  });

  it("leaves an up-to-date model alone and re-converts a damaged one", async () => {
    const first = await ensureConvertedModelDetailed("blazeface-front", dir);
    const again = await ensureConvertedModelDetailed("blazeface-front", dir);
    expect(again.converted).toBe(false);
    await appendFile(path.join(dir, first.manifest.file), "x");
    const repaired = await ensureConvertedModelDetailed("blazeface-front", dir);
    expect(repaired.converted).toBe(true);
    expect(sha256(await readFile(path.join(dir, repaired.manifest.file)))).toBe(first.manifest.sha256);
  });

  it("survives concurrent conversions of the same model without leaving temp files", async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), "hailong-convert-race-"));
    try {
      const results = await Promise.all([1, 2, 3].map(() => ensureConvertedModelDetailed("blazeface-back", fresh)));
      const onnx = await readFile(path.join(fresh, "blazeface-back.onnx"));
      for (const r of results) expect(r.manifest.sha256).toBe(sha256(onnx));
      expect((await readdir(fresh)).sort()).toEqual(["blazeface-back.manifest.json", "blazeface-back.onnx"]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it("rejects unknown ids with a usage error naming the known ones", async () => {
    const error = await ensureConvertedModel("no-such-model", dir).catch((e: unknown) => e);
    expect(isHailongError(error) && error.code).toBe("HAILONG_ERR_USAGE");
    expect(String(error)).toContain("emotion-minixception");
  });
});

describe("hailong models convert", () => {
  it("prints one line per model with id, manifest path and sha256", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hailong-convert-cmd-"));
    try {
      const lines: string[] = [];
      await runConvertCommand({ outDir: dir, ids: ["emotion-minixception"], write: (l) => lines.push(l) });
      const manifest = ModelManifestSchema.parse(
        JSON.parse(await readFile(path.join(dir, "emotion-minixception.manifest.json"), "utf8")),
      );
      expect(lines).toEqual([
        `emotion-minixception\t${path.join(dir, "emotion-minixception.manifest.json")}\tsha256=${manifest.sha256}\tconverted`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is wired into the CLI with --out and model ids", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "hailong-convert-cli-"));
    const program = new Command().exitOverride();
    registerModelLabCommands(program);
    const write = process.stdout.write;
    const printed: string[] = [];
    process.stdout.write = ((chunk: string) => printed.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await program.parseAsync(["node", "hailong", "models", "convert", "--out", dir, "blazeface-front"]);
    } finally {
      process.stdout.write = write;
    }
    try {
      expect(await readdir(dir)).toContain("blazeface-front.onnx");
      expect(printed.join("")).toMatch(
        /^blazeface-front\t.*blazeface-front\.manifest\.json\tsha256=[0-9a-f]{64}\tconverted\n$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
