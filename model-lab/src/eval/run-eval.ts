import type { Logger } from "@hailong/common";
import { HailongError } from "@hailong/common";
import {
  type AnalysedFace,
  createFaceAnalyzer,
  decodeImage,
  largestFace,
  placeOnFrame,
  topLabel,
} from "@hailong/models";
import { listLabelledImages } from "./dataset.js";
import { computeEvalMetrics, type EvalMetrics, type EvalRecord } from "./metrics.js";

export interface EvalOptions {
  data: string;
  cropped: boolean;
  /** place each image on a grey frame first (placeOnFrame), then detect */
  onFrame?: boolean;
  detector: string;
  expression: readonly string[];
  flipTta: boolean;
  include?: string;
  threshold: number;
  threads: number;
  modelsDir?: string;
  log: Logger;
}

export interface EvalReport extends EvalMetrics {
  data: string;
  include: string | null;
  cropped: boolean;
  onFrame: boolean;
  detector: string | null;
  expression: string[];
  flipTta: boolean;
  msPerImage: number;
}

/** Runs the analyzer over a labelled folder tree and scores it; one image at a time, largest face only. */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  if (options.cropped && options.onFrame) {
    throw new HailongError("HAILONG_ERR_USAGE", "--cropped and --on-frame exclude each other");
  }
  const images = await listLabelledImages(options.data, options.include);
  if (images.length === 0) {
    throw new HailongError(
      "HAILONG_ERR_USAGE",
      `no labelled images under ${options.data} (include: ${options.include ?? "*"})`,
    );
  }
  const analyzer = await createFaceAnalyzer({
    detector: options.detector,
    expression: options.expression,
    flipTta: options.flipTta,
    threads: options.threads,
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
  });
  const records: EvalRecord[] = [];
  let elapsedMs = 0;
  try {
    for (const [index, item] of images.entries()) {
      const image = await decodeImage(options.onFrame ? await placeOnFrame(item.file) : item.file);
      const started = performance.now();
      let face: AnalysedFace | undefined;
      if (options.cropped) {
        face = await analyzer.classifyWholeImage(image);
      } else {
        const found = largestFace(await analyzer.detect(image));
        face = found ? (await analyzer.classify(image, [found]))[0] : undefined;
      }
      elapsedMs += performance.now() - started;
      records.push({
        truth: item.label,
        predicted: face ? topLabel(face.expression) : null,
        dissatisfied: face ? face.dissatisfied : null,
      });
      if (!face) options.log.debug({ file: item.file }, "no face found");
      if ((index + 1) % 500 === 0) options.log.info({ done: index + 1, total: images.length }, "eval progress");
    }
  } finally {
    await analyzer.close();
  }
  return {
    data: options.data,
    include: options.include ?? null,
    cropped: options.cropped,
    onFrame: options.onFrame ?? false,
    detector: options.cropped ? null : options.detector,
    expression: [...options.expression],
    flipTta: options.flipTta,
    msPerImage: elapsedMs / images.length,
    ...computeEvalMetrics(records, options.threshold),
  };
}
