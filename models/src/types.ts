import type { ExpressionLabel } from "./manifest.js";

/** An RGB image in memory, row-major, 3 bytes per pixel. Never written to disk. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A detected face in source-image pixels. Landmarks (when the detector gives them) follow YuNet's order:
 * right eye, left eye, nose tip, right mouth corner, left mouth corner (the subject's right/left). */
export interface DetectedFace {
  box: Box;
  score: number;
  landmarks?: [Point, Point, Point, Point, Point];
}

/** Probability per label; sums to 1 over the labels the model predicts. */
export type ExpressionProbabilities = Partial<Record<ExpressionLabel, number>>;

export interface AnalysedFace extends DetectedFace {
  expression: ExpressionProbabilities;
  /** P(angry ∪ disgust ∪ contempt), the dissatisfaction signal. */
  dissatisfied: number;
}

/** How one expression model's inferences were batched since it was loaded. */
export interface ModelBatchStats {
  model: string;
  /** session runs */
  runs: number;
  /** faces (or flipped faces) they covered */
  samples: number;
  /** the most faces one run took */
  largestBatch: number;
}

/**
 * What a search knows of the faces it looks for: `tracked`, the height of a face already tracked in the region
 * (it is searched at TRACKED_FACE_PX); `smallest`, the height below which faces do not count (a counter's
 * minFaceSizePx: the region is searched at the scale where such a face is still found surely).
 */
export type FaceSizeHint = { tracked: number } | { smallest: number };

export interface FaceAnalyzer {
  readonly modelIds: { detector: string; expression: string; extra: string[] };
  /**
   * Faces in image pixels; with `region`, only that part of the image is searched (a counter's ROI); with
   * `size`, what is known of the faces' height there, so the region is searched at a reduced scale.
   */
  detect(image: RgbImage, region?: Box, size?: FaceSizeHint): Promise<DetectedFace[]>;
  /** Classifies detected faces of one image (batched internally). */
  classify(image: RgbImage, faces: DetectedFace[]): Promise<AnalysedFace[]>;
  analyze(image: RgbImage): Promise<AnalysedFace[]>;
  /** Batches of the classification models so far (what the bench prints). */
  batchStats?(): ModelBatchStats[];
  close(): Promise<void>;
}
