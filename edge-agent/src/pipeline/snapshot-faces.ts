import { type FaceAnalyzer, iou, type RgbImage } from "@hailong/models";
import type { ScoredFace } from "./counter-engine.js";

/** A whole-frame detection at least this close to a counted face is that face. */
const SAME_FACE_IOU = 0.3;

/**
 * The faces a calibration snapshot draws: the counter's scored faces from its last analysed frame, plus every
 * other face a whole-frame detection finds (the counter itself searches only its ROI's box), so the installer
 * sees whom the ROI leaves out. Runs on request only.
 */
export async function snapshotFaces(
  analyzer: FaceAnalyzer,
  image: RgbImage,
  scored: readonly ScoredFace[],
): Promise<ScoredFace[]> {
  const counted = scored.filter((f) => f.inRoi);
  const all = await analyzer.detect(image);
  const others = all.filter((face) => !counted.some((c) => iou(c.face.box, face.box) >= SAME_FACE_IOU));
  return [...counted, ...others.map((face): ScoredFace => ({ face, inRoi: false }))];
}
