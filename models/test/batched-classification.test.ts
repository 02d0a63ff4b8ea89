import path from "node:path";
import { FACE_API_SAMPLES } from "@hailong/common/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaceAnalyzer, type LoadedFaceAnalyzer } from "../src/analyzer/create-face-analyzer.js";
import { OFFLINE_MODEL_CHOICE } from "../src/analyzer/defaults.js";
import { largestFace } from "../src/analyzer/face-detector.js";
import { decodeImage } from "../src/runtime/decode-image.js";
import type { AnalysedFace, DetectedFace, RgbImage } from "../src/types.js";

describe("classification batched across counters (offline default: face-api head + mini-Xception)", () => {
  let analyzer: LoadedFaceAnalyzer;
  const frames: Array<{ image: RgbImage; face: DetectedFace }> = [];
  beforeAll(async () => {
    analyzer = await createFaceAnalyzer({ ...OFFLINE_MODEL_CHOICE, threads: 1, maxBatch: 16 });
    for (const file of ["sample1.jpg", "sample2.jpg", "sample3.jpg"]) {
      const image = await decodeImage(path.join(FACE_API_SAMPLES, file));
      const face = largestFace(await analyzer.detect(image));
      if (!face) throw new Error(`no face in ${file}`);
      frames.push({ image, face });
    }
  });
  afterAll(() => analyzer.close());

  it("three counters' faces ready together run as one batch and score as three single runs", async () => {
    const alone: AnalysedFace[] = [];
    for (const { image, face } of frames) alone.push(...(await analyzer.classify(image, [face])));
    const before = analyzer.batchStats();
    const together = (await Promise.all(frames.map(({ image, face }) => analyzer.classify(image, [face])))).flat();

    for (const [i, face] of together.entries()) {
      const single = alone[i] as AnalysedFace;
      expect(face.dissatisfied).toBeCloseTo(single.dissatisfied, 5);
      for (const [label, p] of Object.entries(single.expression)) {
        expect(face.expression[label as keyof typeof face.expression], `face ${i} ${label}`).toBeCloseTo(p, 5);
      }
    }
    // Every model of the set took the three faces in one run (the frames' faces differ: not one face thrice).
    expect(new Set(alone.map((f) => f.dissatisfied.toFixed(6))).size).toBe(3);
    const runs = analyzer.batchStats().map((s, k) => ({
      model: s.model,
      runs: s.runs - (before[k]?.runs ?? 0),
      largestBatch: s.largestBatch,
    }));
    expect(runs).toEqual([
      { model: "faceapi-expression", runs: 1, largestBatch: 3 },
      { model: "head-faceapi-expression", runs: 1, largestBatch: 3 },
      { model: "emotion-minixception", runs: 1, largestBatch: 3 },
    ]);
  });
});
