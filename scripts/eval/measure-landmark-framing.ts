/**
 * A label-free cross-check of a detector's FER2013 crop framing on natural faces (README, "Video frames"):
 * 1. FER2013-train crops, every k-th file per class, are placed on a frame as `hailong eval --on-frame` does;
 *    the median place of each of the detector's five landmarks in the crop (fractions of its side) is FER2013's
 *    landmark layout.
 * 2. For every face of ≥ 64 px in the natural photos, the square (centre, side) that puts its five landmarks
 *    nearest that layout (least squares, no rotation) is expressed in units of the face's box, like a
 *    SquareFraming: centre offset dx·width, dy·height from the box centre, side in box widths.
 * Prints both and the medians over the faces. Uses the training split and unlabelled use of the photos only.
 * A measurement, not a test.
 *
 *   npx tsx scripts/eval/measure-landmark-framing.ts --train <fer2013-train>/train
 *     [--photos ../shared/data/stills,../shared/data/expressions] [--detector yunet-2023mar] [--per-class 100]
 */

import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createFaceAnalyzer, decodeImage, type Point } from "@hailong/models";
import { CROP_ON_FRAME, trainFacesOnFrame } from "./train-faces-on-frame.js";

const shared = path.resolve(import.meta.dirname, "../../../shared/data");
const { values } = parseArgs({
  options: {
    train: { type: "string" },
    photos: { type: "string", default: `${shared}/stills,${shared}/expressions` },
    detector: { type: "string", default: "yunet-2023mar" },
    "per-class": { type: "string", default: "100" },
  },
});
if (!values.train) throw new Error("--train <fer2013-train>/train is required");
const MIN_FACE_PX = 64;
const perClass = Number(values["per-class"]);
const analyzer = await createFaceAnalyzer({ detector: values.detector as string, expression: "emotion-minixception" });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;

// 1. FER2013's landmark layout.
const { left, top, side: facePx } = CROP_ON_FRAME;
const placed: Point[][] = [[], [], [], [], []];
for await (const face of trainFacesOnFrame(values.train, perClass, analyzer)) {
  face?.landmarks?.forEach((p, k) => {
    placed[k]?.push({ x: (p.x - left) / facePx, y: (p.y - top) / facePx });
  });
}
const layout = placed.map((ps) => ({ x: median(ps.map((p) => p.x)), y: median(ps.map((p) => p.y)) }));
console.log(
  `FER2013-train layout (${placed[0]?.length} crops): ${layout.map((p) => `(${p.x.toFixed(3)}, ${p.y.toFixed(3)})`).join(" ")}`,
);

// 2. Per natural face: landmark_i ≈ centre + (layout_i − 0.5)·side, solved for centre and side.
async function imagesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(jpe?g|png)$/i.test(e.name) && !e.name.startsWith("fer2013-"))
    .map((e) => path.join(e.parentPath, e.name));
}
const a = layout.map((p) => ({ x: p.x - 0.5, y: p.y - 0.5 }));
const meanA = { x: a.reduce((s, p) => s + p.x, 0) / 5, y: a.reduce((s, p) => s + p.y, 0) / 5 };
const fits = { dx: [] as number[], dy: [] as number[], side: [] as number[] };
for (const dir of (values.photos ?? "").split(",").filter(Boolean)) {
  for (const file of await imagesUnder(dir)) {
    for (const { box, landmarks } of await analyzer.detect(await decodeImage(file))) {
      if (!landmarks || box.height < MIN_FACE_PX) continue;
      const mx = landmarks.reduce((s, p) => s + p.x, 0) / 5;
      const my = landmarks.reduce((s, p) => s + p.y, 0) / 5;
      let num = 0;
      let den = 0;
      landmarks.forEach((p, i) => {
        const ai = a[i] as Point;
        num += (ai.x - meanA.x) * (p.x - mx) + (ai.y - meanA.y) * (p.y - my);
        den += (ai.x - meanA.x) ** 2 + (ai.y - meanA.y) ** 2;
      });
      const side = num / den;
      fits.dx.push((mx - meanA.x * side - (box.x + box.width / 2)) / box.width);
      fits.dy.push((my - meanA.y * side - (box.y + box.height / 2)) / box.height);
      fits.side.push(side / box.width);
    }
  }
}
await analyzer.close();
console.log(
  JSON.stringify({
    detector: values.detector,
    faces: fits.dx.length,
    dx: Number(median(fits.dx).toFixed(3)),
    dy: Number(median(fits.dy).toFixed(3)),
    side: Number(median(fits.side).toFixed(3)),
  }),
);
