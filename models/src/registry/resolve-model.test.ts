import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOWNLOADABLE_MODELS } from "./catalogue.js";
import { resolveModel } from "./resolve-model.js";

describe("model registry", () => {
  let modelsDir: string;
  beforeAll(async () => {
    modelsDir = await mkdtemp(path.join(os.tmpdir(), "hailong-registry-"));
    const fer = DOWNLOADABLE_MODELS[1]?.manifest;
    await mkdir(path.join(modelsDir, "downloaded"), { recursive: true });
    await writeFile(path.join(modelsDir, "downloaded", "fer-mobilefacenet-int8.manifest.json"), JSON.stringify(fer));
  });
  afterAll(() => rm(modelsDir, { recursive: true, force: true }));

  it("resolves an installed download to its absolute ONNX path", async () => {
    const m = await resolveModel("fer-mobilefacenet-int8", { modelsDir });
    expect(m.path).toBe(path.join(modelsDir, "downloaded", "fer-mobilefacenet-int8.onnx"));
    expect(m.manifest.labels).toContain("disgust");
  });
  it("tells the user to run `hailong models fetch` for a missing download", async () => {
    await expect(resolveModel("yunet-2023mar", { modelsDir })).rejects.toThrow(/hailong models fetch yunet-2023mar/);
  });
  it("asks the converter for npm-derived models and reports when it produced nothing", async () => {
    const asked: string[] = [];
    await expect(
      resolveModel("blazeface-front", {
        modelsDir,
        ensureConverted: async (id, dir) => {
          asked.push(`${id}@${dir}`);
        },
      }),
    ).rejects.toThrow(/did not produce blazeface-front/);
    expect(asked).toEqual([`blazeface-front@${path.join(modelsDir, "generated")}`]);
  });
  it("converts again a model an older converter generated", async () => {
    const fer = DOWNLOADABLE_MODELS[1]?.manifest;
    const stale = {
      ...fer,
      id: "faceapi-expression",
      file: "faceapi-expression.onnx",
      source: { kind: "npm", package: "@vladmandic/face-api@1.7.15", note: "… (converter v1, build fa8104db11e5)" },
    };
    await mkdir(path.join(modelsDir, "generated"), { recursive: true });
    await writeFile(path.join(modelsDir, "generated", "faceapi-expression.manifest.json"), JSON.stringify(stale));
    const asked: string[] = [];
    const resolved = await resolveModel("faceapi-expression", {
      modelsDir,
      ensureConverted: async (id) => {
        asked.push(id);
      },
    });
    expect(asked).toEqual(["faceapi-expression"]);
    expect(resolved.manifest.source.note).toMatch(/converter v1/);
  });
  it("finds a lab-trained model in lab/ (committed with its record)", async () => {
    const fer = DOWNLOADABLE_MODELS[1]?.manifest;
    const lab = { ...fer, id: "fer-lab-test", file: "fer-lab-test.onnx", source: { kind: "trained", note: "test" } };
    await mkdir(path.join(modelsDir, "lab"), { recursive: true });
    await writeFile(path.join(modelsDir, "lab", "fer-lab-test.manifest.json"), JSON.stringify(lab));
    expect((await resolveModel("fer-lab-test", { modelsDir })).path).toBe(
      path.join(modelsDir, "lab", "fer-lab-test.onnx"),
    );
  });
  it("rejects unknown ids", async () => {
    await expect(resolveModel("nope", { modelsDir })).rejects.toThrow(/unknown model id/);
  });
});
