/**
 * Measures how coarse the installer's privacy snapshot must be: every ../shared still and every frame of a
 * folder of video frames goes through the agent's own snapshot rendering (whole frame pixelated into N blocks
 * across and blurred, boxes and labels drawn sharp on top, JPEG) and YuNet, at a score threshold far below the
 * agent's 0.6, looks for faces in the result. Prints, per setting, how many images still show a face at score
 * ≥ 0.3 and ≥ 0.1, how many of those lie on a real face (IoU ≥ 0.3 with a face YuNet finds at 0.6 in the
 * original) and the highest score, with and without the overlay. A measurement, not a test (docs/privacy.md).
 *
 *   npx tsx scripts/eval/measure-snapshot-privacy.ts [--stills DIR] [--frames DIR] [--blocks 16,24,32]
 *     [--blur 0.5,1] [--search-threshold 0.02]
 */

import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  type DetectedFace,
  decodeImage,
  iou as intersectionOverUnion,
  loadFaceDetector,
  type RgbImage,
} from "@hailong/models";
import { renderSnapshot } from "../../edge-agent/src/pipeline/snapshot.js";

const { values } = parseArgs({
  options: {
    stills: { type: "string", default: path.resolve(import.meta.dirname, "../../../shared/data/stills") },
    frames: { type: "string", default: "" },
    blocks: { type: "string", default: "16,24,32,48" },
    blur: { type: "string", default: "0.5,1" },
    "search-threshold": { type: "string", default: "0.02" },
  },
});
const searchThreshold = Number(values["search-threshold"]);
const numbers = (text: string | undefined) => (text ?? "").split(",").filter(Boolean).map(Number);
const settings = numbers(values.blocks).flatMap((blocksAcross) =>
  numbers(values.blur).flatMap((blurBlocks) => [true, false].map((overlay) => ({ blocksAcross, blurBlocks, overlay }))),
);
const agentDetector = await loadFaceDetector("yunet-2023mar");
const searcher = await loadFaceDetector("yunet-2023mar", { scoreThreshold: searchThreshold });

async function imageFiles(dir: string): Promise<string[]> {
  if (!dir) return [];
  const names = (await readdir(dir)).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort();
  return names.map((n) => path.join(dir, n));
}

const files = [...(await imageFiles(values.stills ?? "")), ...(await imageFiles(values.frames ?? ""))];
const FULL: Array<[number, number]> = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

interface Tally {
  at03: number;
  at01: number;
  onFace03: number;
  max: number;
}
const tallies = new Map<string, Tally>();
const tally = (key: string): Tally => {
  const t = tallies.get(key) ?? { at03: 0, at01: 0, onFace03: 0, max: 0 };
  tallies.set(key, t);
  return t;
};

async function search(image: RgbImage, truth: readonly DetectedFace[], into: Tally): Promise<void> {
  const found = await searcher.detect(image);
  const best = Math.max(0, ...found.map((f) => f.score));
  const onFace = found.some((f) => f.score >= 0.3 && truth.some((t) => intersectionOverUnion(f.box, t.box) >= 0.3));
  if (best >= 0.3) into.at03 += 1;
  if (best >= 0.1) into.at01 += 1;
  if (onFace) into.onFace03 += 1;
  into.max = Math.max(into.max, best);
}

let facesInOriginals = 0;
for (const file of files) {
  const image = await decodeImage(file);
  const truth = await agentDetector.detect(image);
  facesInOriginals += truth.length;
  await search(image, truth, tally("original image"));
  // Boxes drawn as the agent would draw them: every face found, all in the ROI, mid scores.
  const faces = truth.map((face) => ({
    face: { ...face, expression: {}, dissatisfied: 0.1 },
    inRoi: true as const,
    level: "neutral" as const,
    score: 50,
    dissatisfied: 0.1,
  }));
  for (const setting of settings) {
    const snapshot = await renderSnapshot({
      counterId: "m",
      takenAt: 0,
      image,
      faces,
      filter: { roi: FULL, minFaceSizePx: 40 },
      showFaces: false,
      ...setting,
    });
    const shown = await decodeImage(Buffer.from(snapshot.jpegBase64, "base64"));
    // The snapshot is scaled to ≤ 1280 px wide: compare against the truth boxes scaled the same way.
    const scale = shown.width / image.width;
    const scaled = truth.map((t) => ({
      ...t,
      box: { x: t.box.x * scale, y: t.box.y * scale, width: t.box.width * scale, height: t.box.height * scale },
    }));
    const key = `${setting.blocksAcross} blocks, blur ${setting.blurBlocks}, ${setting.overlay ? "overlay" : "mosaic only"}`;
    await search(shown, scaled, tally(key));
  }
}

console.log(`${files.length} images, ${facesInOriginals} faces found by YuNet at 0.6 in the originals`);
console.log(
  `YuNet searching at score ≥ ${searchThreshold}. Images with a face at ≥ 0.3 / ≥ 0.1 / ≥ 0.3 on a real face; max:`,
);
for (const [label, t] of tallies) {
  console.log(`${label.padEnd(36)} ${t.at03} / ${t.at01} / ${t.onFace03}   max ${t.max.toFixed(3)}`);
}
await agentDetector.close();
await searcher.close();
