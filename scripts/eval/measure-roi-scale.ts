/**
 * What searching a counter's ROI at the scale its smallest counted face allows (FaceSizeHint `smallest`,
 * models/src/analyzer/detect-in-region.ts) costs in faces found, against the detector's own fit (the search
 * before 2026-12-04). Every labelled photo is searched whole, as the agent's ROI search would search a frame of
 * that size: the FER2013 dev crops as the onset test shows them (upscaled onto a 640×480 frame), the wild photos,
 * JAFFE-dev and taiwan-dev as they are. Prints, per set and minFaceSizePx, the photos with a face at the
 * detector's fit, and how many of those the reduced-scale search also finds, and the reverse. A measurement,
 * not a test.
 *
 *   npx tsx scripts/eval/measure-roi-scale.ts [--shared ../shared] [--min-face 40,60] [--detector yunet-2023mar]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { listLabelledImages } from "@hailong/model-lab";
import { createFaceAnalyzer, decodeImage, placeOnFrame, type RgbImage } from "@hailong/models";

const { values } = parseArgs({
  options: {
    shared: { type: "string", default: path.resolve(import.meta.dirname, "../../../shared") },
    "min-face": { type: "string", default: "40,60" },
    detector: { type: "string", default: "yunet-2023mar" },
  },
});
const shared = path.resolve(values.shared);
const minFaces = (values["min-face"] ?? "").split(",").map(Number);
const analyzer = await createFaceAnalyzer({ detector: values.detector, expression: "emotion-minixception" });

const SETS: { name: string; dir: string; include?: string; onFrame?: boolean }[] = [
  { name: "FER2013 dev on a 640×480 frame", dir: "data/expressions", include: "fer2013-*", onFrame: true },
  { name: "wild", dir: "data/expressions", include: "wild-*" },
  { name: "JAFFE-dev", dir: "data/jaffe-dev" },
  { name: "taiwan-dev", dir: "data/taiwan-dev" },
];

async function load(file: string, onFrame: boolean): Promise<RgbImage> {
  return decodeImage(onFrame ? new Uint8Array(await placeOnFrame(file)) : file);
}

for (const set of SETS) {
  const items = await listLabelledImages(path.join(shared, set.dir), set.include);
  const fit = { found: 0 };
  const reduced = minFaces.map(() => ({ alsoFound: 0, onlyReduced: 0 }));
  for (const item of items) {
    const image = await load(item.file, set.onFrame === true);
    const atFit = (await analyzer.detect(image)).length > 0;
    if (atFit) fit.found += 1;
    for (const [i, smallest] of minFaces.entries()) {
      const atReduced = (await analyzer.detect(image, undefined, { smallest })).length > 0;
      const row = reduced[i] as (typeof reduced)[number];
      if (atFit && atReduced) row.alsoFound += 1;
      if (!atFit && atReduced) row.onlyReduced += 1;
    }
  }
  console.log(`${set.name}: ${items.length} photos, a face found in ${fit.found} at the detector's fit`);
  for (const [i, smallest] of minFaces.entries()) {
    const row = reduced[i] as (typeof reduced)[number];
    console.log(
      `  minFaceSizePx ${smallest}: ${row.alsoFound}/${fit.found} of those also found at the reduced scale; ` +
        `${row.onlyReduced} found only at the reduced scale`,
    );
  }
}
await analyzer.close();
