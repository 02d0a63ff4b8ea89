import type { AnalysedFace, Box, DetectedFace, FaceAnalyzer, FaceSizeHint, RgbImage } from "@hailong/models";
import type { AnalysisOptions } from "../config/schema.js";
import { type BoxSamples, boxDrift, sampleBox } from "../tracking/box-drift.js";
import { type FaceFilter, roiSearchBox } from "../tracking/roi.js";
import { analyseFrame, type FrameFaces } from "./analyse-frame.js";

/** The last models' answer for the counter, carried over frames on which the models do not run. */
interface Held {
  faces: AnalysedFace[];
  outside: DetectedFace[];
  /** each face's pixels on the frame it was classified on (drift is measured against them), in faces' order */
  samples: BoxSamples[];
  detectedAt: number;
  classifiedAt: number;
}

/** Where a detection looked: the ROI's search box, or only around the faces already tracked. */
export type DetectionSearch = "roi" | "track";

export type FrameAnalysis =
  | { kind: "idle" }
  | ({ kind: "analysed"; detected: DetectionSearch | false; classified: boolean } & FrameFaces);

/** The tracked faces' boxes together, widened by `margin` × the larger face side on every side, inside `within`. */
export function trackSearchBox(faces: readonly { box: Box }[], margin: number, within: Box): Box {
  const side = Math.max(...faces.map((f) => Math.max(f.box.width, f.box.height)));
  const pad = margin * side;
  const x0 = Math.max(within.x, Math.min(...faces.map((f) => f.box.x)) - pad);
  const y0 = Math.max(within.y, Math.min(...faces.map((f) => f.box.y)) - pad);
  const x1 = Math.min(within.x + within.width, Math.max(...faces.map((f) => f.box.x + f.box.width)) + pad);
  const y1 = Math.min(within.y + within.height, Math.max(...faces.map((f) => f.box.y + f.box.height)) + pad);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/**
 * Where and at what face size the detector looks for faces already tracked: their boxes widened by trackMargin
 * inside the ROI's search box, and the smallest of their heights (the detector may search at a reduced scale).
 */
export function trackSearch(
  faces: readonly { box: Box }[],
  roiBox: Box,
  options: Pick<AnalysisOptions, "trackMargin">,
): { region: Box; size: FaceSizeHint } {
  return {
    region: trackSearchBox(faces, options.trackMargin, roiBox),
    size: { tracked: Math.min(...faces.map((f) => f.box.height)) },
  };
}

/** How much the carried faces' pixels changed since they were classified: a moved or turned face, a new expression. */
function driftOf(held: Held, image: RgbImage): number {
  return Math.max(...held.faces.map((f, i) => boxDrift(held.samples[i] as BoxSamples, image, f.box)));
}

/** What a counter carries after the models ran on `image`: the faces, and their pixels for the drift check. */
function hold(image: RgbImage, faces: AnalysedFace[], rest: Omit<Held, "faces" | "samples">): Held {
  return { ...rest, faces, samples: faces.map((f) => sampleBox(image, f.box)) };
}

/** A drift this many times the threshold (another face, an abrupt change) runs the models at once, off cadence. */
const SUDDEN_DRIFT = 3;

/**
 * The adaptive cadence of one counter (one instance per counter; the analyzer is shared):
 * - no counted face present: search the ROI at idleDetectFps, other frames are idle (the engine's clock only);
 * - a citizen present: classify at classifyFps and hold the last expressions between; detect first when
 *   detectFps says so or when the carried boxes drifted (pixels changed: the face moved, turned or changed
 *   expression), only around the tracked faces (trackMargin), falling back to the ROI when a tracked face is not
 *   found there; search the whole ROI at roiSearchFps for newcomers; carry the last boxes between detections.
 *   A sudden drift (SUDDEN_DRIFT × the threshold: another face, an abrupt change) runs both at once. The models
 *   thus run about classifyFps times per second on a present citizen, talking or still.
 * The ROI search covers the ROI's bounding box plus roiMargin, not the whole frame.
 */
export function createFrameAnalyser(analyzer: FaceAnalyzer, options: AnalysisOptions) {
  let held: Held | undefined;
  let lastDetectAt = Number.NEGATIVE_INFINITY;
  let lastRoiSearchAt = Number.NEGATIVE_INFINITY;
  // 10 % early is on time: camera timestamps jitter by a few ms, and a rate of half the camera's fps must not
  // slip to a third because one frame came 2 ms early.
  const due = (since: number, ts: number, fps: number) => ts - since >= 900 / fps;

  async function detectAndClassify(image: RgbImage, ts: number, filter: FaceFilter): Promise<FrameAnalysis> {
    const roiBox = roiSearchBox(filter.roi, image.width, image.height, options.roiMargin);
    const tracked = held?.faces ?? [];
    lastDetectAt = ts;
    if (tracked.length > 0 && held && !due(lastRoiSearchAt, ts, options.roiSearchFps)) {
      const { region, size } = trackSearch(tracked, roiBox, options);
      const around = await analyseFrame(analyzer, image, filter, region, size);
      if (around.faces.length >= tracked.length) {
        held = hold(image, around.faces, { outside: held.outside, detectedAt: ts, classifiedAt: ts });
        return { kind: "analysed", detected: "track", classified: true, faces: around.faces, outside: held.outside };
      }
    }
    lastRoiSearchAt = ts;
    // No face smaller than minFaceSizePx counts: the ROI is searched at the scale that still finds one surely.
    const result = await analyseFrame(analyzer, image, filter, roiBox, { smallest: filter.minFaceSizePx });
    held = hold(image, result.faces, { outside: result.outside, detectedAt: ts, classifiedAt: ts });
    return { kind: "analysed", detected: "roi", classified: result.faces.length > 0, ...result };
  }

  return {
    async analyse(image: RgbImage, ts: number, filter: FaceFilter): Promise<FrameAnalysis> {
      const present = held !== undefined && held.faces.length > 0;
      if (!present || !held) {
        if (!due(lastDetectAt, ts, options.idleDetectFps)) return { kind: "idle" };
        return detectAndClassify(image, ts, filter);
      }
      const drift = driftOf(held, image);
      if (drift > SUDDEN_DRIFT * options.driftThreshold) return detectAndClassify(image, ts, filter);
      if (due(held.classifiedAt, ts, options.classifyFps)) {
        if (due(held.detectedAt, ts, options.detectFps) || drift > options.driftThreshold)
          return detectAndClassify(image, ts, filter);
        held = hold(image, await analyzer.classify(image, held.faces), { ...held, classifiedAt: ts });
        return { kind: "analysed", detected: false, classified: true, faces: held.faces, outside: held.outside };
      }
      return { kind: "analysed", detected: false, classified: false, faces: held.faces, outside: held.outside };
    },
  };
}

export type FrameAnalyser = ReturnType<typeof createFrameAnalyser>;
