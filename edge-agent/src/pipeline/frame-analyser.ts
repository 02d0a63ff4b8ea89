import type { AnalysedFace, DetectedFace, FaceAnalyzer, RgbImage } from "@hailong/models";
import type { AnalysisOptions } from "../config/schema.js";
import { boxDrift } from "../tracking/box-drift.js";
import { type FaceFilter, roiSearchBox } from "../tracking/roi.js";
import { analyseFrame, type FrameFaces } from "./analyse-frame.js";

/** The last models' answer for the counter, carried over frames on which the models do not run. */
interface Held {
  faces: AnalysedFace[];
  outside: DetectedFace[];
  /** the frame the faces were classified on: drift is measured against it */
  image: RgbImage;
  detectedAt: number;
  classifiedAt: number;
}

export type FrameAnalysis =
  | { kind: "idle" }
  | ({ kind: "analysed"; detected: boolean; classified: boolean } & FrameFaces);

/**
 * The adaptive cadence of one counter (one instance per counter; the analyzer is shared):
 * - no counted face present: detect at idleDetectFps, other frames are idle (the engine's clock only);
 * - a citizen present: detect at detectFps and carry the last boxes between detections; classify at
 *   classifyFps and hold the last expressions between; a carried box whose pixels drift re-runs both at once.
 * Detection searches the ROI's bounding box plus roiMargin, not the whole frame.
 */
export function createFrameAnalyser(analyzer: FaceAnalyzer, options: AnalysisOptions) {
  let held: Held | undefined;
  let lastDetectAt = Number.NEGATIVE_INFINITY;
  const due = (since: number, ts: number, fps: number) => ts - since >= 1000 / fps - 1;

  async function detectAndClassify(image: RgbImage, ts: number, filter: FaceFilter): Promise<FrameAnalysis> {
    lastDetectAt = ts;
    const region = roiSearchBox(filter.roi, image.width, image.height, options.roiMargin);
    const result = await analyseFrame(analyzer, image, filter, region);
    held = { ...result, image, detectedAt: ts, classifiedAt: ts };
    return { kind: "analysed", detected: true, classified: result.faces.length > 0, ...result };
  }

  return {
    async analyse(image: RgbImage, ts: number, filter: FaceFilter): Promise<FrameAnalysis> {
      const present = held !== undefined && held.faces.length > 0;
      if (!present || !held) {
        if (!due(lastDetectAt, ts, options.idleDetectFps)) return { kind: "idle" };
        return detectAndClassify(image, ts, filter);
      }
      const reference = held.image;
      const drifted = held.faces.some((f) => boxDrift(reference, image, f.box) > options.driftThreshold);
      if (drifted || due(held.detectedAt, ts, options.detectFps)) return detectAndClassify(image, ts, filter);
      if (due(held.classifiedAt, ts, options.classifyFps)) {
        held = { ...held, faces: await analyzer.classify(image, held.faces), image, classifiedAt: ts };
        return { kind: "analysed", detected: false, classified: true, faces: held.faces, outside: held.outside };
      }
      return { kind: "analysed", detected: false, classified: false, faces: held.faces, outside: held.outside };
    },
  };
}

export type FrameAnalyser = ReturnType<typeof createFrameAnalyser>;
