import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ModelManifestSchema } from "../manifest.js";
import { defaultModelsDir, headsDir, labDir } from "./paths.js";
import { resolveModel } from "./resolve-model.js";

/** Committed weights: classifier heads (`*.head.json`) and lab-trained networks (`lab/*.manifest.json`). */
async function described(dir: string, suffix: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((n) => n.endsWith(suffix)).map((n) => path.join(dir, n));
}

const sha256 = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
const heads = await described(headsDir(defaultModelsDir()), ".head.json");
const lab = await described(labDir(defaultModelsDir()), ".manifest.json");

describe("committed ONNX files match the hashes their descriptions pin", () => {
  it("the repository holds committed heads to check", () => {
    expect(heads.length).toBeGreaterThan(0);
  });
  for (const file of heads) {
    it(`${path.basename(file)}: sha256 of its ONNX`, async () => {
      const head = JSON.parse(await readFile(file, "utf8")) as { file: string; sha256: string };
      expect(await sha256(path.join(path.dirname(file), head.file))).toBe(head.sha256);
    });
  }
  for (const file of lab) {
    it(`${path.basename(file)}: sha256 and size of its ONNX, its training record beside it, resolvable`, async () => {
      const manifest = ModelManifestSchema.parse(JSON.parse(await readFile(file, "utf8")));
      const onnx = path.join(path.dirname(file), manifest.file);
      expect((await readFile(onnx)).byteLength).toBe(manifest.bytes);
      expect(await sha256(onnx)).toBe(manifest.sha256);
      const record = JSON.parse(await readFile(path.join(path.dirname(file), `${manifest.id}.record.json`), "utf8"));
      expect(record.script).toBe("model-lab/train_expression.py");
      expect((await resolveModel(manifest.id)).path).toBe(onnx);
    });
  }
});
