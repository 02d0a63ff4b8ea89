/**
 * Measures where a detector's box sits on FER2013's own face framing, i.e. the SquareFraming constants of
 * the detectors (YUNET_FER_FRAMING): FER2013-train crops, every k-th file per class, are placed on a frame as
 * `hailong eval --on-frame` does and detected; the crop's square is expressed in units of the largest box
 * (centre offset dx·width, dy·height; side in box widths). Prints medians and interquartile ranges. Run it on
 * the training split only, never on data you report. A measurement, not a test.
 *
 *   npx tsx scripts/eval/measure-framing.ts --train <fer2013-train>/train [--detector yunet-2023mar] [--per-class 100]
 */

import { parseArgs } from "node:util";
import { createFaceAnalyzer } from "@hailong/models";
import { CROP_ON_FRAME, trainFacesOnFrame } from "./train-faces-on-frame.js";

const { values } = parseArgs({
  options: {
    train: { type: "string" },
    detector: { type: "string", default: "yunet-2023mar" },
    "per-class": { type: "string", default: "100" },
  },
});
if (!values.train) throw new Error("--train <fer2013-train>/train is required");
const perClass = Number(values["per-class"]);
const analyzer = await createFaceAnalyzer({ detector: values.detector, expression: "emotion-minixception" });
const { left, top, side: facePx } = CROP_ON_FRAME;
const rows: { dx: number; dy: number; side: number; widthShare: number; heightShare: number }[] = [];
let missed = 0;
for await (const face of trainFacesOnFrame(values.train, perClass, analyzer)) {
  if (!face) {
    missed++;
    continue;
  }
  const { box } = face;
  rows.push({
    // the crop's centre relative to the box centre, in box units; the crop's side in box widths
    dx: (left + facePx / 2 - (box.x + box.width / 2)) / box.width,
    dy: (top + facePx / 2 - (box.y + box.height / 2)) / box.height,
    side: facePx / box.width,
    widthShare: box.width / facePx,
    heightShare: box.height / facePx,
  });
}
await analyzer.close();
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] as number;
const summary: Record<string, string> = {};
for (const key of ["dx", "dy", "side", "widthShare", "heightShare"] as const) {
  const xs = rows.map((r) => r[key]);
  summary[key] =
    `${quantile(xs, 0.5).toFixed(3)} (IQR ${quantile(xs, 0.25).toFixed(3)}–${quantile(xs, 0.75).toFixed(3)})`;
}
console.log(JSON.stringify({ detector: values.detector, faces: rows.length, missed, ...summary }, null, 1));
