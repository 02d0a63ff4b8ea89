/**
 * Writes, for every labelled face of a folder, the person it shows, the download default's P(dissatisfied) and
 * class probabilities, and MediaPipe's 52 blendshapes, as JSON lines: the input of
 * `scripts/eval/blendshape-baseline.py`, which asks whether a change of the blendshapes from the same person's
 * neutral face (the per-visit baseline on action-unit features) separates anger from fear where the expression
 * models do not. The face is found once (largest face, as `hailong eval`); the agent's default models unless
 * `--detector`/`--model` name others. A measurement, not a test.
 *
 *   npx tsx scripts/eval/dump-blendshapes.ts --set jaffe --data ../shared/data/jaffe-dev >> faces.jsonl
 *   npx tsx scripts/eval/dump-blendshapes.ts --set ckplus --data "$(npx hailong models prep-ckplus ...)" >> faces.jsonl
 */

import path from "node:path";
import { parseArgs } from "node:util";
import { BLENDSHAPE_NAMES, createFaceLandmarker, listLabelledImages } from "@hailong/model-lab";
import { decodeImage, largestFace } from "@hailong/models";
import { ANALYZER_ARGS, openAnalyzer } from "./analyzer-args.js";
import { personOf } from "./person.js";

const { values } = parseArgs({
  options: {
    ...ANALYZER_ARGS,
    set: { type: "string" },
    data: { type: "string" },
    include: { type: "string" },
  },
});
if (!values.set || !values.data) throw new Error("--set NAME and --data DIR are required");

const analyzer = await openAnalyzer(values);
const landmarker = await createFaceLandmarker({ threads: 1 });
for (const item of await listLabelledImages(path.resolve(values.data), values.include)) {
  const image = await decodeImage(item.file);
  const found = largestFace(await analyzer.detect(image));
  if (!found) {
    process.stdout.write(`${JSON.stringify({ set: values.set, file: path.basename(item.file), face: false })}\n`);
    continue;
  }
  const [face] = await analyzer.classify(image, [found]);
  const { blendshapes, presence } = await landmarker.analyse(image, found.box);
  process.stdout.write(
    `${JSON.stringify({
      set: values.set,
      file: path.basename(item.file),
      person: personOf(path.basename(item.file)),
      label: item.label,
      face: true,
      dissatisfied: face?.dissatisfied,
      expression: face?.expression,
      presence,
      blendshapes: Object.fromEntries(BLENDSHAPE_NAMES.map((n) => [n, blendshapes[n] ?? 0])),
    })}\n`,
  );
}
await analyzer.close();
await landmarker.close();
