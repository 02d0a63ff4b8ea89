import {
  type Box,
  type DetectedFace,
  type FaceDetector,
  isInstalled,
  loadFaceDetector,
  type RgbImage,
} from "@hailong/models";
import { FULL_FRAME_ROI } from "@hailong/protocol";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScoredFace } from "../src/pipeline/counter-engine.js";
import { renderSnapshot } from "../src/pipeline/snapshot.js";
import { faceApiSample } from "./fixtures.js";

/** Head crops (no body) of two face-api demo photos, placed on a 1280×720 counter frame. */
const HEADS = [
  { sample: 3, x: 1067, y: 226, size: 302, left: 180 },
  { sample: 5, x: 1021, y: 137, size: 354, left: 760 },
];

async function twoFaceFrame(): Promise<RgbImage> {
  const crops = await Promise.all(
    HEADS.map(async (h) => {
      const margin = Math.round(h.size * 0.35);
      const side = h.size + 2 * margin;
      const input = await sharp(faceApiSample(h.sample))
        .extract({ left: h.x - margin, top: Math.max(0, h.y - margin), width: side, height: side })
        .resize(340, 340)
        .toBuffer();
      return { input, left: h.left, top: 190 };
    }),
  );
  const { data, info } = await sharp({ create: { width: 1280, height: 720, channels: 3, background: "#8a8f96" } })
    .composite(crops)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** Whether a detection's centre lies inside a face's box (the box in frame pixels, the detection scaled). */
function centreInside(detection: Box, face: Box, scale: number): boolean {
  const cx = (detection.x + detection.width / 2) / scale;
  const cy = (detection.y + detection.height / 2) / scale;
  return cx >= face.x && cx <= face.x + face.width && cy >= face.y && cy <= face.y + face.height;
}

const jpegToRgb = async (base64: string): Promise<RgbImage> => {
  const { data, info } = await sharp(Buffer.from(base64, "base64")).removeAlpha().raw().toBuffer({
    resolveWithObject: true,
  });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
};

const yunetReady = await isInstalled("yunet-2023mar");

describe.skipIf(!yunetReady)("calibration snapshot privacy (real YuNet)", () => {
  let agentDetector: FaceDetector;
  let searcher: FaceDetector;
  beforeAll(async () => {
    agentDetector = await loadFaceDetector("yunet-2023mar");
    searcher = await loadFaceDetector("yunet-2023mar", { scoreThreshold: 0.3 });
  });
  afterAll(async () => {
    await agentDetector?.close();
    await searcher?.close();
  });

  it("a face the detector missed is as unrecognisable as the one it found: YuNet finds neither at ≥ 0.3", async () => {
    const frame = await twoFaceFrame();
    const found = await agentDetector.detect(frame);
    // The test means something only if both faces are plainly visible in the frame itself.
    expect(found.length).toBe(2);
    const onFaces = (detections: readonly DetectedFace[], scale = 1) =>
      detections.filter((d) => found.some((f) => centreInside(d.box, f.box, scale)));
    expect(onFaces(await searcher.detect(frame))).toHaveLength(2);
    // The agent's detector "misses" the second face (as if below its minimum score): only the first is boxed.
    const [kept] = [...found].sort((a, b) => a.box.x - b.box.x);
    const faces: ScoredFace[] = [
      {
        face: { ...kept!, expression: {}, dissatisfied: 0.1 },
        inRoi: true,
        level: "neutral",
        score: 62,
        dissatisfied: 0.1,
      },
    ];
    const input = {
      counterId: "c1",
      takenAt: 1,
      image: frame,
      faces,
      filter: { roi: FULL_FRAME_ROI, minFaceSizePx: 40 },
    };

    const privacy = await renderSnapshot({ ...input, showFaces: false });
    expect(privacy.facesBlurred).toBe(true);
    expect(privacy.faces).toHaveLength(1);
    const scale = privacy.width / frame.width;
    expect(onFaces(await searcher.detect(await jpegToRgb(privacy.jpegBase64)), scale)).toEqual([]);

    // The privileged view of the same frame still shows both faces: the privacy view is what hid them.
    const clear = await renderSnapshot({ ...input, showFaces: true });
    expect(onFaces(await searcher.detect(await jpegToRgb(clear.jpegBase64)), scale)).toHaveLength(2);
  });
});
