/**
 * Writes each ensemble member's probabilities for every labelled face, plain and mirrored, as JSON lines, so
 * member weights and flip TTA can be compared offline (scripts/eval/weigh-members.ts) without running the
 * models once per combination. The face is found once (largest face, as `hailong eval`) and every member reads
 * that same face. A measurement, not a test.
 *
 *   npx tsx scripts/eval/dump-member-probs.ts --set jaffe --data ../shared/data/jaffe-dev \
 *     --members fer-mobilefacenet-lab,head-faceapi-expression,emotion-minixception [--include GLOB] [--cropped] >> probs.jsonl
 */

import path from "node:path";
import { parseArgs } from "node:util";
import { createLogger } from "@hailong/common";
import { listLabelledImages } from "@hailong/model-lab";
import {
  type AnalysedFace,
  createFaceAnalyzer,
  type DetectedFace,
  DOWNLOADED_MODEL_CHOICE,
  decodeImage,
  type LoadedFaceAnalyzer,
  largestFace,
  type RgbImage,
} from "@hailong/models";

const log = createLogger({ name: "dump-member-probs" });
const { values } = parseArgs({
  options: {
    set: { type: "string" },
    data: { type: "string" },
    include: { type: "string" },
    cropped: { type: "boolean", default: false },
    detector: { type: "string", default: DOWNLOADED_MODEL_CHOICE.detector },
    members: { type: "string", default: DOWNLOADED_MODEL_CHOICE.expression.join(",") },
  },
});
if (!values.set || !values.data) throw new Error("--set NAME and --data DIR are required");
const memberIds = values.members.split(",");

// One analyzer per member and flip setting; the first also finds the face.
const analyzers = new Map<string, LoadedFaceAnalyzer>();
for (const id of memberIds) {
  for (const flip of [false, true]) {
    analyzers.set(
      `${id}|${flip}`,
      await createFaceAnalyzer({ detector: values.detector, expression: [id], flipTta: flip, threads: 1 }),
    );
  }
}
const finder = analyzers.values().next().value as LoadedFaceAnalyzer;

async function read(analyzer: LoadedFaceAnalyzer, image: RgbImage, face: DetectedFace | undefined) {
  if (values.cropped) return (await analyzer.classifyWholeImage(image)).expression;
  return face ? ((await analyzer.classify(image, [face]))[0] as AnalysedFace).expression : null;
}

const images = await listLabelledImages(path.resolve(values.data), values.include);
for (const item of images) {
  const image = await decodeImage(item.file);
  const face = values.cropped ? undefined : largestFace(await finder.detect(image));
  const probs: Record<string, { plain: unknown; flip: unknown }> = {};
  for (const id of memberIds) {
    probs[id] = {
      plain: await read(analyzers.get(`${id}|false`) as LoadedFaceAnalyzer, image, face),
      flip: await read(analyzers.get(`${id}|true`) as LoadedFaceAnalyzer, image, face),
    };
  }
  process.stdout.write(
    `${JSON.stringify({ set: values.set, file: path.basename(item.file), truth: item.label, noFace: !values.cropped && !face, probs })}\n`,
  );
}
for (const analyzer of analyzers.values()) await analyzer.close();
log.info({ set: values.set, images: images.length }, "done");
