import { readFile } from "node:fs/promises";
import type { DetectedFace, FaceAnalyzer, RgbImage } from "@hailong/models";
import { SnapshotResultSchema } from "@hailong/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFrame } from "../src/camera/decode-frame.js";
import { createFolderSource } from "../src/camera/folder-source.js";
import { AgentConfigSchema } from "../src/config/schema.js";
import { faceCentreInRoi } from "../src/tracking/roi.js";
import { loadFaceAnalyzer } from "../src/vision/load-analyzer.js";
import { faceApiSample, makeFramesDir, runToEnd } from "./fixtures.js";

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

// sample6 (1920×1537) shows four people side by side. Both model sets find the same four faces (centres at
// x ≈ 0.18, 0.40, 0.67, 0.83 of the width) but size them differently (BlazeFace-front 233/239 px tall for the
// left two, YuNet 269/285 px), so the ROI and minimum size are derived from the loaded analyzer's own
// detections: the ROI covers the left two faces, the minimum size lies between their heights. The taller
// left face plays the citizen, the shorter one a person too far away, the right two the officers.
const SAMPLE = faceApiSample(6);
// every face centre lies left of x = 0.9 with either detector (rightmost ≈ 0.83)
const RIGHT_EDGE: [number, number][] = [
  [0.9, 0],
  [1, 0],
  [1, 1],
  [0.9, 1],
];

const centreX = (face: DetectedFace, image: RgbImage) => (face.box.x + face.box.width / 2) / image.width;

/** ROI and minimum face size that count exactly one of the four faces the analyzer finds in SAMPLE. */
async function deriveGeometry(analyzer: FaceAnalyzer) {
  const decoded = await decodeFrame(await readFile(SAMPLE));
  if (!decoded.ok) throw new Error(`sample6 did not decode: ${decoded.reason}`);
  const image = decoded.image;
  const faces = [...(await analyzer.detect(image))].sort((a, b) => centreX(a, image) - centreX(b, image));
  const [left, second, third] = faces as [DetectedFace, DetectedFace, DetectedFace];
  const split = (centreX(second, image) + centreX(third, image)) / 2;
  const roi: [number, number][] = [
    [0, 0],
    [split, 0],
    [split, 1],
    [0, 1],
  ];
  const [small, tall] = [left, second].sort((a, b) => a.box.height - b.box.height) as [DetectedFace, DetectedFace];
  const minFaceSizePx = Math.round((small.box.height + tall.box.height) / 2);
  return { faces, roi, minFaceSizePx, small, tall };
}

describe("faces outside the ROI or too small never reach the expression models (real models, real photo)", () => {
  let real: FaceAnalyzer;
  let geometry: Awaited<ReturnType<typeof deriveGeometry>>;
  const base = AgentConfigSchema.parse({
    agentId: "agent-roi",
    counters: [{ id: "counter-roi", camera: { type: "folder", dir: "unused", realtime: false } }],
  });

  beforeAll(async () => {
    real = await loadFaceAnalyzer(base.models);
    geometry = await deriveGeometry(real);
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
    const folder = await makeFramesDir(Array.from({ length: frames }, () => SAMPLE));
    try {
      const source = createFolderSource({ dir: folder.dir, fps: 5, realtime: false, startTs: 1_800_000_000_000 });
      const { pipeline, events } = await runToEnd({
        agentId: base.agentId,
        counter,
        publish: base.publish,
        // every frame detected and classified, so each one shows what reaches the expression models
        analysis: { ...base.analysis, detectFps: 5, classifyFps: 5 },
        analyzer,
        source,
        health: false,
      });
      const snapshot = await pipeline.snapshot({ showFaces: false });
      return { classified, events, snapshot, stats: pipeline.stats(), counters: pipeline.counters() };
    } finally {
      await folder.remove();
    }
  }

  it("classifies only the citizen's face: not the officers outside the ROI, not the small face inside it", async () => {
    const { faces, roi, minFaceSizePx, small, tall } = geometry;
    // the geometry only means something if the analyzer sees four faces and the two in the ROI differ in size
    expect(faces).toHaveLength(4);
    expect(small.box.height).toBeLessThan(minFaceSizePx);
    expect(tall.box.height).toBeGreaterThanOrEqual(minFaceSizePx);
    const { classified, events, snapshot, stats, counters } = await play({ roi, minFaceSizePx }, 4);

    expect(counters.analysisFailures).toBe(0);
    expect(classified).toHaveLength(4);
    for (const call of classified) {
      expect(call.faces).toHaveLength(1);
      const face = call.faces[0] as DetectedFace;
      expect(faceCentreInRoi(face.box, call.image.width, call.image.height, roi)).toBe(true);
      expect(face.box.height).toBeGreaterThanOrEqual(minFaceSizePx);
      // The counter searches only its ROI's box, so the detector sees it at another scale than the whole
      // photo: the same face, its box within a twentieth of its height.
      expect(Math.abs(face.box.x - tall.box.x)).toBeLessThan(tall.box.height / 20);
      expect(Math.abs(face.box.y - tall.box.y)).toBeLessThan(tall.box.height / 20);
    }
    const starts = events.filter((e) => e.kind === "visit" && e.message.kind === "start");
    expect(starts).toHaveLength(1);
    expect(stats.medianFaceSizePx).toBeGreaterThanOrEqual(minFaceSizePx);

    // the calibration snapshot still shows all four, the three left out flagged and without an expression
    expect(SnapshotResultSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.faces).toHaveLength(4);
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
    expect(snapshot.faces).toHaveLength(4);
    expect(snapshot.faces.every((f) => !f.inRoi)).toBe(true);
  });
});
