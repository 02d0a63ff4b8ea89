import type { AnalysedFace, Box, DetectedFace, FaceAnalyzer, RgbImage } from "@hailong/models";
import { FULL_FRAME_ROI } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { AnalysisSchema } from "../config/schema.js";
import { roiSearchBox } from "../tracking/roi.js";
import { createFrameAnalyser, trackSearchBox } from "./frame-analyser.js";

const frame = (grey: number): RgbImage => ({ width: 200, height: 100, data: new Uint8Array(200 * 100 * 3).fill(grey) });
const FACE: DetectedFace = { box: { x: 80, y: 20, width: 50, height: 50 }, score: 0.9 };

/**
 * Finds FACE in any frame brighter than 50 (a citizen), nothing in a dark one (an empty counter), and nothing in
 * a search region that does not contain it; counts calls and keeps the regions searched.
 */
function countingAnalyzer() {
  let face = FACE;
  const calls = { detect: 0, classify: 0 };
  const regions: (Box | undefined)[] = [];
  const analyzer: FaceAnalyzer = {
    modelIds: { detector: "fake", expression: "fake", extra: [] },
    async detect(image, region) {
      calls.detect += 1;
      regions.push(region);
      const inside = !region || (region.x <= face.box.x && region.x + region.width >= face.box.x + face.box.width);
      return (image.data[0] as number) > 50 && inside ? [face] : [];
    },
    async classify(_image, faces) {
      calls.classify += 1;
      return faces.map((f): AnalysedFace => ({ ...f, expression: { neutral: 1 }, dissatisfied: 0 }));
    },
    analyze: async () => [],
    close: async () => undefined,
  };
  return { analyzer, calls, regions, move: (to: DetectedFace) => (face = to) };
}

const filter = { roi: FULL_FRAME_ROI, minFaceSizePx: 40 };

describe("adaptive analysis cadence", () => {
  const options = AnalysisSchema.parse({ idleDetectFps: 2, detectFps: 1, classifyFps: 2.5, driftThreshold: 8 });

  it("an empty counter is searched twice a second at 10 fps; the other frames are idle", async () => {
    const { analyzer, calls } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    const kinds = [];
    for (let i = 0; i < 10; i++) kinds.push((await analyser.analyse(frame(10), i * 100, filter)).kind);
    expect(calls.detect).toBe(2);
    expect(kinds.filter((k) => k === "idle")).toHaveLength(8);
  });

  it("a still citizen is classified every 400 ms and detected every second, the face carried between", async () => {
    const { analyzer, calls } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    const still = frame(120);
    for (let i = 0; i < 10; i++) {
      const result = await analyser.analyse(still, i * 100, filter);
      expect(result.kind === "analysed" && result.faces).toHaveLength(1);
    }
    // one ROI search at 0 ms; classifications at 0, 400 and 800 ms (detection is next due with the one at 1200 ms)
    expect(calls).toEqual({ detect: 1, classify: 3 });
  });

  it("a face whose pixels change a little is detected again at its next classification; an abrupt change at once", async () => {
    const { analyzer, calls } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    await analyser.analyse(frame(120), 0, filter);
    const between = await analyser.analyse(frame(130), 200, filter);
    expect(between.kind === "analysed" && between.detected === false && !between.classified).toBe(true);
    const next = await analyser.analyse(frame(130), 400, filter);
    expect(next.kind === "analysed" && next.detected === "track" && next.classified).toBe(true);
    expect(calls).toEqual({ detect: 2, classify: 2 });
    const abrupt = await analyser.analyse(frame(200), 500, filter);
    expect(abrupt.kind === "analysed" && abrupt.detected === "track" && abrupt.classified).toBe(true);
    expect(calls).toEqual({ detect: 3, classify: 3 });
  });

  it("tracks around the face, falls back to the ROI when the face is not there, and searches the ROI every 2 s", async () => {
    const { analyzer, regions } = countingAnalyzer();
    const analyser = createFrameAnalyser(analyzer, options);
    const searches: (string | false)[] = [];
    for (let i = 0; i <= 50; i++) {
      const result = await analyser.analyse(frame(120), i * 100, filter);
      if (result.kind === "analysed" && result.detected) searches.push(result.detected);
    }
    // Detections ride on classifications (every 400 ms) once due: ROI at 0, 2400 and 4800 ms, around the face at
    // 1200 and 3600 ms.
    expect(searches).toEqual(["roi", "track", "roi", "track", "roi"]);
    const around = regions[1];
    expect(around).toEqual(
      trackSearchBox([FACE], options.trackMargin, roiSearchBox(FULL_FRAME_ROI, 200, 100, options.roiMargin)),
    );
    expect(around && around.width < 200).toBe(true);

    // The citizen moved out of the tracked region: the same frame falls back to the ROI and finds them there.
    const moving = countingAnalyzer();
    const tracker = createFrameAnalyser(moving.analyzer, options);
    await tracker.analyse(frame(120), 0, filter);
    moving.move({ box: { x: 0, y: 20, width: 50, height: 50 }, score: 0.9 });
    const found = await tracker.analyse(frame(120), 1200, filter);
    expect(found.kind === "analysed" && found.detected).toBe("roi");
    expect(found.kind === "analysed" && found.faces.map((f) => f.box.x)).toEqual([0]);
    expect(moving.regions.slice(1).map((r) => r && r.width < 200)).toEqual([true, false]);
  });
});
