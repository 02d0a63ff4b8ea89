import type { AnalysedFace, Box, DetectedFace, FaceAnalyzer, FaceSizeHint, RgbImage } from "@hailong/models";
import { type FaceFilter, partitionCountedFaces } from "../tracking/roi.js";

/** One frame's faces: the counted ones with expressions, the others as bare detections. */
export interface FrameFaces {
  /** inside the ROI and large enough, classified by the expression models */
  faces: AnalysedFace[];
  /** outside the ROI or too small: detected only, never classified */
  outside: DetectedFace[];
}

/**
 * The agent's per-frame model path, shared by the counter pipeline (live, replay, demo) and the pipeline
 * bench: detect (in `region`, the ROI's search box, when given) -> keep the counted faces -> classify only those. Filtering before the expression models
 * keeps the officer and bystanders out of them (privacy) and keeps CPU per frame independent of bystanders.
 */
export async function analyseFrame(
  analyzer: FaceAnalyzer,
  image: RgbImage,
  filter: FaceFilter,
  region?: Box,
  size?: FaceSizeHint,
): Promise<FrameFaces> {
  const detected = await analyzer.detect(image, region, size);
  const { counted, outside } = partitionCountedFaces(detected, image.width, image.height, filter);
  const faces = counted.length > 0 ? await analyzer.classify(image, counted) : [];
  return { faces, outside };
}
