import { readdir } from "node:fs/promises";
import path from "node:path";
import { FACE_API_SAMPLES } from "@hailong/common/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaceAnalyzer, type LoadedFaceAnalyzer } from "../src/analyzer/create-face-analyzer.js";
import { decodeImage } from "../src/runtime/decode-image.js";

describe("offline analyzer (npm-only models: blazeface + mini-Xception)", () => {
  let analyzer: LoadedFaceAnalyzer;
  beforeAll(async () => {
    analyzer = await createFaceAnalyzer({
      detector: "blazeface-front",
      expression: "emotion-minixception",
      threads: 1,
    });
  });
  afterAll(() => analyzer.close());

  it("finds a face in every face-api demo photo and gives probabilities that sum to 1", async () => {
    const samples = (await readdir(FACE_API_SAMPLES)).filter((f) => /^sample\d+\.jpg$/.test(f)).sort();
    expect(samples.length).toBeGreaterThanOrEqual(6);
    for (const file of samples) {
      const faces = await analyzer.analyze(await decodeImage(path.join(FACE_API_SAMPLES, file)));
      expect(faces.length, file).toBeGreaterThan(0);
      for (const face of faces) {
        const sum = Object.values(face.expression).reduce((s, p) => s + (p ?? 0), 0);
        expect(sum).toBeCloseTo(1, 5);
        expect(face.dissatisfied).toBeGreaterThanOrEqual(0);
        expect(face.dissatisfied).toBeLessThanOrEqual(1);
        expect(face.box.width).toBeGreaterThan(10);
      }
    }
  });
});
