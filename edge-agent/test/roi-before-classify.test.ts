import type { DetectedFace, FaceAnalyzer, RgbImage } from "@hailong/models";
import { SnapshotResultSchema } from "@hailong/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFolderSource } from "../src/camera/folder-source.js";
import { AgentConfigSchema } from "../src/config/schema.js";
import { createCounterPipeline } from "../src/pipeline/create-counter-pipeline.js";
import type { OutboundEvent } from "../src/pipeline/types.js";
import { faceCentreInRoi } from "../src/tracking/roi.js";
import { loadFaceAnalyzer } from "../src/vision/load-analyzer.js";
import { faceApiSample, makeFramesDir } from "./fixtures.js";

/** The real analyzer, recording every face handed to the expression models; analyze() (classify all) is refused. */
function recording(analyzer: FaceAnalyzer) {
  const classified: { image: RgbImage; faces: DetectedFace[] }[] = [];
  const wrapped: FaceAnalyzer = {
    ...analyzer,
    async classify(image, faces) {
      classified.push({ image, faces: [...faces] });
      return analyzer.classify(image, faces);
    },
    async analyze() {
      throw new Error("the agent must not classify every detected face");
    },
  };
  return { analyzer: wrapped, classified };
}

// sample2 (1920×1367) shows three people, face centres at x ≈ 0.23, 0.51 and 0.80 of the width, heights
// ≈ 283, 244 and 234 px: the right one plays the officer behind the desk, the middle one a person too far away.
const LEFT_TWO_THIRDS: [number, number][] = [
  [0, 0],
  [0.65, 0],
  [0.65, 1],
  [0, 1],
];
const RIGHT_EDGE: [number, number][] = [
  [0.9, 0],
  [1, 0],
  [1, 1],
  [0.9, 1],
];

describe("faces outside the ROI or too small never reach the expression models (real models, real photo)", () => {
  let real: FaceAnalyzer;
  const base = AgentConfigSchema.parse({
    agentId: "agent-roi",
    counters: [{ id: "counter-roi", camera: { type: "folder", dir: "unused", realtime: false } }],
  });

  beforeAll(async () => {
    real = await loadFaceAnalyzer(base.models);
  });
  afterAll(async () => {
    await real?.close();
  });

  async function play(tuning: { roi: [number, number][]; minFaceSizePx: number }, frames: number) {
    const counter = AgentConfigSchema.parse({
      agentId: "agent-roi",
      counters: [{ id: "counter-roi", camera: { type: "folder", dir: "unused" }, tuning }],
    }).counters[0] as (typeof base.counters)[number];
    const { analyzer, classified } = recording(real);
    const folder = await makeFramesDir(Array.from({ length: frames }, () => faceApiSample(2)));
    try {
      const source = createFolderSource({ dir: folder.dir, fps: 5, realtime: false, startTs: 1_800_000_000_000 });
      const pipeline = createCounterPipeline({
        agentId: base.agentId,
        counter,
        publish: base.publish,
        analyzer,
        source,
        health: false,
      });
      const events: OutboundEvent[] = [];
      await pipeline.start();
      for await (const event of pipeline.events()) events.push(event);
      const snapshot = await pipeline.snapshot({ showFaces: false });
      return { classified, events, snapshot, stats: pipeline.stats(), counters: pipeline.counters() };
    } finally {
      await folder.remove();
    }
  }

  it("classifies only the citizen's face: not the officer outside the ROI, not the small face inside it", async () => {
    const tuning = { roi: LEFT_TWO_THIRDS, minFaceSizePx: 265 };
    const { classified, events, snapshot, stats, counters } = await play(tuning, 4);

    expect(counters.analysisFailures).toBe(0);
    expect(classified).toHaveLength(4);
    for (const call of classified) {
      expect(call.faces).toHaveLength(1);
      const face = call.faces[0] as DetectedFace;
      expect(faceCentreInRoi(face.box, call.image.width, call.image.height, LEFT_TWO_THIRDS)).toBe(true);
      expect(face.box.height).toBeGreaterThanOrEqual(265);
    }
    const starts = events.filter((e) => e.kind === "visit" && e.message.kind === "start");
    expect(starts).toHaveLength(1);
    expect(stats.medianFaceSizePx).toBeGreaterThanOrEqual(265);

    // the calibration snapshot still shows all three, the two left out flagged and without an expression
    expect(SnapshotResultSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.faces).toHaveLength(3);
    expect(snapshot.faces.filter((f) => f.inRoi)).toHaveLength(1);
    for (const f of snapshot.faces.filter((f) => !f.inRoi))
      expect(f).toMatchObject({ level: "neutral", dissatisfied: 0 });
  });

  it("with nobody inside the ROI the expression models never run and no visit starts", async () => {
    const { classified, events, snapshot, stats, counters } = await play({ roi: RIGHT_EDGE, minFaceSizePx: 40 }, 4);
    expect(counters.analysisFailures).toBe(0);
    expect(classified).toHaveLength(0);
    expect(events.filter((e) => e.kind === "visit")).toHaveLength(0);
    expect(stats.detectionRate).toBe(0);
    expect(snapshot.faces).toHaveLength(3);
    expect(snapshot.faces.every((f) => !f.inRoi)).toBe(true);
  });
});
