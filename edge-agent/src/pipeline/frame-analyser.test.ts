import type { AnalysedFace, DetectedFace, FaceAnalyzer, RgbImage } from "@hailong/models";
import { FULL_FRAME_ROI } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { AnalysisSchema } from "../config/schema.js";
import { createFrameAnalyser } from "./frame-analyser.js";

const frame = (grey: number): RgbImage => ({ width: 200, height: 100, data: new Uint8Array(200 * 100 * 3).fill(grey) });
const FACE: DetectedFace = { box: { x: 80, y: 20, width: 50, height: 50 }, score: 0.9 };

/** Finds FACE in any frame brighter than 50 (a citizen), nothing in a dark one (an empty counter); counts calls. */
function countingAnalyzer() {
  const calls = { detect: 0, classify: 0 };
  const analyzer: FaceAnalyzer = {
    modelIds: { detector: "fake", expression: "fake", extra: [] },
    async detect(image) {
      calls.detect += 1;
      return (image.data[0] as number) > 50 ? [FACE] : [];
    },
    async classify(_image, faces) {
      calls.classify += 1;
      return faces.map((f): AnalysedFace => ({ ...f, expression: { neutral: 1 }, dissatisfied: 0 }));
    },
    analyze: async () => [],
    close: async () => undefined,
  };
  return { analyzer, calls };
}

const filter = { roi: FULL_FRAME_ROI, minFaceSizePx: 40 };

describe("adaptive analysis cadence", () => {
  const options = AnalysisSchema.parse({ idleDetectFps: 2, detectFps: 2.5, classifyFps: 2.5, driftThreshold: 8 });

  it("an empty counter is searched twice a second at 10 fps; the other frames are idle", async () => {
    const { analyzer, calls } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    const kinds = [];
    for (let i = 0; i < 10; i++) kinds.push((await analyser.analyse(frame(10), i * 100, filter)).kind);
    expect(calls.detect).toBe(2);
    expect(kinds.filter((k) => k === "idle")).toHaveLength(8);
  });

  it("a held citizen is detected and classified every 400 ms, with the face carried on every frame between", async () => {
    const { analyzer, calls } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    const still = frame(120);
    for (let i = 0; i < 10; i++) {
      const result = await analyser.analyse(still, i * 100, filter);
      expect(result.kind === "analysed" && result.faces).toHaveLength(1);
    }
    expect(calls).toEqual({ detect: 3, classify: 3 });
  });

  it("a face whose pixels change is detected and classified again at once", async () => {
    const { analyzer, calls } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    await analyser.analyse(frame(120), 0, filter);
    const changed = await analyser.analyse(frame(160), 100, filter);
    expect(changed.kind === "analysed" && changed.detected && changed.classified).toBe(true);
    expect(calls).toEqual({ detect: 2, classify: 2 });
  });
});
