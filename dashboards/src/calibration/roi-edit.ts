/**
 * Pure editing operations on an ROI polygon in relative (0..1) image coordinates.
 * The SVG editor maps pointer positions to these; nothing here touches the DOM.
 */
export type Point = readonly [number, number];
export type Polygon = readonly Point[];

export const MIN_ROI_POINTS = 3;
/** Closer than this (relative units) two points count as the same point: the agent rejects zero-length edges. */
export const MIN_POINT_DISTANCE = 0.01;
export const MAX_ROI_POINTS = 32;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const round4 = (v: number): number => Math.round(v * 10_000) / 10_000;

export function clampPoint(p: Point): Point {
  return [round4(clamp01(p[0])), round4(clamp01(p[1]))];
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : clamp01(((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq);
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Adds a point. With fewer than 3 points it is appended (drawing a new polygon); otherwise it is
 * inserted into the nearest edge, so clicking near an edge bends that edge instead of crossing the shape.
 */
export function addPoint(polygon: Polygon, point: Point): Polygon {
  if (polygon.length >= MAX_ROI_POINTS) return polygon;
  const p = clampPoint(point);
  if (polygon.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < MIN_POINT_DISTANCE)) return polygon;
  if (polygon.length < MIN_ROI_POINTS) return [...polygon, p];
  let bestEdge = polygon.length - 1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < polygon.length; i++) {
    const d = distanceToSegment(p, polygon[i]!, polygon[(i + 1) % polygon.length]!);
    if (d < bestDistance) {
      bestDistance = d;
      bestEdge = i;
    }
  }
  return [...polygon.slice(0, bestEdge + 1), p, ...polygon.slice(bestEdge + 1)];
}

export function movePoint(polygon: Polygon, index: number, point: Point): Polygon {
  if (index < 0 || index >= polygon.length) return polygon;
  return polygon.map((q, i) => (i === index ? clampPoint(point) : q));
}

/** Nudges a point by (dx, dy), for keyboard editing. */
export function nudgePoint(polygon: Polygon, index: number, dx: number, dy: number): Polygon {
  const q = polygon[index];
  return q ? movePoint(polygon, index, [q[0] + dx, q[1] + dy]) : polygon;
}

export function deletePoint(polygon: Polygon, index: number): Polygon {
  if (index < 0 || index >= polygon.length) return polygon;
  return polygon.filter((_, i) => i !== index);
}

/** Shoelace area in relative units (1 = whole frame). */
export function polygonArea(polygon: Polygon): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    twice += a[0] * b[1] - b[0] * a[1];
  }
  return Math.abs(twice) / 2;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const orient = (p: Point, q: Point, r: Point) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

export type RoiProblem = "too_few_points" | "too_many_points" | "duplicate_point" | "self_intersecting" | "too_small";

/** Why the polygon cannot be saved, or undefined when it can. */
export function validateRoi(polygon: Polygon): RoiProblem | undefined {
  if (polygon.length < MIN_ROI_POINTS) return "too_few_points";
  if (polygon.length > MAX_ROI_POINTS) return "too_many_points";
  const n = polygon.length;
  for (let i = 0; i < n; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % n]!;
    if (Math.hypot(a[0] - b[0], a[1] - b[1]) < MIN_POINT_DISTANCE) return "duplicate_point";
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (segmentsCross(polygon[i]!, polygon[(i + 1) % n]!, polygon[j]!, polygon[(j + 1) % n]!)) {
        return "self_intersecting";
      }
    }
  }
  if (polygonArea(polygon) < 0.01) return "too_small";
  return undefined;
}
