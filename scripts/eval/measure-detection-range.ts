/**
 * Measures the smallest face each detector finds in a 16:9 camera frame, the figure installers need to mount a
 * counter camera (README, "Detection range"). Every face of ≥ 64 px in the full-size labelled photos and the
 * unlabelled stills is cut (30 % margin) around the cut detector's box, scaled so that box is H px tall and pasted onto a textured, faceless 720p or
 * 1080p frame (deterministic noise, blurred); a face counts as found when a box of 0.5–2 H lies within H/2 of
 * where it was pasted. Prints, per resolution and H, how many faces each detector found, and per detector the
 * smallest H from which it finds at least 90 % at every larger size. A measurement, not a test.
 *
 *   npx tsx scripts/eval/measure-detection-range.ts [--data ../shared/data/expressions] [--include 'wild-*'] [--stills DIR]
 *     [--detectors yunet-2023mar,blazeface-front] [--cut-detector yunet-2023mar]
 */

import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { listLabelledImages } from "@hailong/model-lab";
import { createFaceAnalyzer, decodeImage, type LoadedFaceAnalyzer } from "@hailong/models";
import sharp from "sharp";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: path.resolve(import.meta.dirname, "../../../shared/data/expressions") },
    include: { type: "string", default: "wild-*" },
    stills: { type: "string", default: path.resolve(import.meta.dirname, "../../../shared/data/stills") },
    detectors: { type: "string", default: "yunet-2023mar,blazeface-front" },
    "cut-detector": { type: "string", default: "yunet-2023mar" },
  },
});
const FRAMES = [
  { label: "720p", width: 1280, height: 720 },
  { label: "1080p", width: 1920, height: 1080 },
];
const FACE_HEIGHTS = [24, 32, 40, 48, 64, 80, 96, 112, 128, 160, 200, 240];
const MARGIN = 0.3;
/** faces smaller than this in their photo are not used (they would be upscaled for most sizes) */
const MIN_SOURCE_PX = 64;
const FOUND_SHARE = 0.9;

const detectorIds = (values.detectors ?? "").split(",").filter(Boolean);
const load = (detector: string) => createFaceAnalyzer({ detector, expression: "emotion-minixception" });
const detectors = new Map<string, LoadedFaceAnalyzer>();
for (const id of detectorIds) detectors.set(id, await load(id));
const cutter = detectors.get(values["cut-detector"] as string) ?? (await load(values["cut-detector"] as string));

interface FaceCut {
  jpeg: Buffer;
  /** the face box's height and centre within the cut, in cut pixels */
  boxHeight: number;
  cx: number;
  cy: number;
}

/** Every face of at least MIN_SOURCE_PX in the photos, cut with the margin (clipped at the photo's edges). */
async function cutFaces(files: readonly string[]): Promise<FaceCut[]> {
  const cuts: FaceCut[] = [];
  for (const file of files) {
    const image = await decodeImage(file);
    for (const { box } of await cutter.detect(image)) {
      if (box.height < MIN_SOURCE_PX) continue;
      const left = Math.max(0, Math.round(box.x - box.width * MARGIN));
      const top = Math.max(0, Math.round(box.y - box.height * MARGIN));
      const right = Math.min(image.width, Math.round(box.x + box.width * (1 + MARGIN)));
      const bottom = Math.min(image.height, Math.round(box.y + box.height * (1 + MARGIN)));
      const raw = { width: image.width, height: image.height, channels: 3 as const };
      const region = { left, top, width: right - left, height: bottom - top };
      const jpeg = await sharp(image.data, { raw }).extract(region).jpeg({ quality: 95 }).toBuffer();
      const cx = box.x + box.width / 2 - left;
      const cy = box.y + box.height / 2 - top;
      cuts.push({ jpeg, boxHeight: box.height, cx, cy });
    }
  }
  return cuts;
}

/** Textured grey without any face: hashed noise, blurred like an out-of-focus wall. */
async function background(width: number, height: number): Promise<Buffer> {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = 60 + (Math.imul(i, 2654435761) >>> 24) / 2;
  return sharp(data, { raw: { width, height, channels: 3 } })
    .blur(4)
    .png()
    .toBuffer();
}

const labelled = (await listLabelledImages(values.data as string, values.include)).map((item) => item.file);
const stills = values.stills
  ? (await readdir(values.stills))
      .filter((n) => /\.(jpe?g|png)$/i.test(n))
      .map((n) => path.join(values.stills as string, n))
  : [];
const cuts = await cutFaces([...labelled, ...stills]);
console.log(
  `${cuts.length} faces ≥ ${MIN_SOURCE_PX} px from ${labelled.length} labelled photos and ${stills.length} stills, ` +
    `cut around ${values["cut-detector"]}'s boxes`,
);
for (const frame of FRAMES) {
  const back = await background(frame.width, frame.height);
  const found = new Map<string, number[]>(detectorIds.map((id) => [id, []]));
  for (const faceHeight of FACE_HEIGHTS) {
    const counts = new Map<string, number>();
    for (const cut of cuts) {
      const scale = faceHeight / cut.boxHeight;
      const meta = await sharp(cut.jpeg).metadata();
      const scaled = await sharp(cut.jpeg)
        .resize({ height: Math.max(1, Math.round((meta.height ?? 1) * scale)) })
        .toBuffer();
      const left = Math.round(frame.width * 0.4);
      const top = Math.round(frame.height * 0.3);
      const cx = left + cut.cx * scale;
      const cy = top + cut.cy * scale;
      const jpeg = await sharp(back)
        .composite([{ input: scaled, left, top }])
        .jpeg({ quality: 85 })
        .toBuffer();
      const image = await decodeImage(jpeg);
      for (const [id, detector] of detectors) {
        const hit = (await detector.detect(image)).some(
          ({ box }) =>
            Math.hypot(box.x + box.width / 2 - cx, box.y + box.height / 2 - cy) < faceHeight / 2 &&
            box.height > faceHeight / 2 &&
            box.height < faceHeight * 2,
        );
        if (hit) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    for (const id of detectorIds) found.get(id)?.push(counts.get(id) ?? 0);
    const row = detectorIds.map((id) => `${id} ${counts.get(id) ?? 0}/${cuts.length}`).join("  ");
    console.log(`${frame.label} face ${String(faceHeight).padStart(3)} px: ${row}`);
  }
  for (const id of detectorIds) {
    const hits = found.get(id) ?? [];
    const from = FACE_HEIGHTS.findIndex((_, i) => hits.slice(i).every((n) => n >= FOUND_SHARE * cuts.length));
    const smallest =
      from >= 0
        ? `${FACE_HEIGHTS[from]} px (1/${(frame.height / (FACE_HEIGHTS[from] ?? 1)).toFixed(1)} of the height)`
        : "none";
    console.log(`${frame.label} ${id}: finds ≥ ${FOUND_SHARE * 100} % of faces from ${smallest}`);
  }
}
for (const detector of new Set([...detectors.values(), cutter])) await detector.close();
