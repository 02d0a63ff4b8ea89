import type { Box, DetectedFace } from "../types.js";

export function intersectionOverUnion(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy non-maximum suppression: keeps the best-scoring face of every overlapping group, best first. */
export function nonMaxSuppression<T extends DetectedFace>(faces: readonly T[], iouThreshold: number): T[] {
  const sorted = [...faces].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const face of sorted) {
    if (kept.every((k) => intersectionOverUnion(k.box, face.box) <= iouThreshold)) kept.push(face);
  }
  return kept;
}
