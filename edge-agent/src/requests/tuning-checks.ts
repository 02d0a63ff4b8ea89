import type { CounterTuning, RoiPolygon } from "@hailong/protocol";

/**
 * Agent-side checks of pushed tuning that the wire schema cannot express. Pure; an error names the
 * offending field the way the installer sees it (`tuning.roi: ...`).
 */
export type TuningCheck = { ok: true } | { ok: false; path: string; message: string };

/** An ROI smaller than this share of the frame cannot hold a face at a counter: almost surely a mistake. */
export const MIN_ROI_AREA = 0.005;

export function checkTuning(tuning: CounterTuning): TuningCheck {
  const roi = checkRoi(tuning.roi);
  if (roi !== undefined) return { ok: false, path: "tuning.roi", message: roi };
  return { ok: true };
}

/** Returns why the polygon is unusable, or undefined when it is a simple polygon with some area. */
export function checkRoi(roi: RoiPolygon): string | undefined {
  const n = roi.length;
  for (let i = 0; i < n; i++) {
    const a = point(roi, i);
    const b = point(roi, (i + 1) % n);
    if (a[0] === b[0] && a[1] === b[1]) return `points ${i} and ${(i + 1) % n} are equal (zero-length edge)`;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (adjacent(i, j, n)) continue;
      if (segmentsIntersect(point(roi, i), point(roi, (i + 1) % n), point(roi, j), point(roi, (j + 1) % n))) {
        return `edges ${i}-${(i + 1) % n} and ${j}-${(j + 1) % n} cross (polygon is self-intersecting)`;
      }
    }
  }
  // Adjacent edges folding back onto each other (a spike) also make the polygon degenerate.
  for (let i = 0; i < n; i++) {
    const prev = point(roi, (i + n - 1) % n);
    const here = point(roi, i);
    const next = point(roi, (i + 1) % n);
    if (cross(prev, here, next) === 0 && dot(prev, here, next) > 0) {
      return `edges meeting at point ${i} fold back onto each other (degenerate polygon)`;
    }
  }
  const area = Math.abs(signedArea(roi));
  if (area < MIN_ROI_AREA) {
    return `polygon area ${area.toFixed(4)} of the frame is below ${MIN_ROI_AREA} (degenerate polygon)`;
  }
  return undefined;
}

type Point = readonly [number, number];

function point(roi: RoiPolygon, index: number): Point {
  const p = roi[index];
  if (p === undefined) throw new RangeError(`roi index ${index} out of range`);
  return p;
}

function adjacent(i: number, j: number, n: number): boolean {
  return j === i + 1 || (i === 0 && j === n - 1);
}

export function signedArea(roi: RoiPolygon): number {
  let sum = 0;
  for (let i = 0; i < roi.length; i++) {
    const [x1, y1] = point(roi, i);
    const [x2, y2] = point(roi, (i + 1) % roi.length);
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** z of (b - a) x (c - a). */
function cross(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** (a - b) . (c - b): positive when the turn at b goes back towards a. */
function dot(a: Point, b: Point, c: Point): number {
  return (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]);
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Closed segments ab and cd share at least one point (touching counts). */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = Math.sign(cross(c, d, a));
  const d2 = Math.sign(cross(c, d, b));
  const d3 = Math.sign(cross(a, b, c));
  const d4 = Math.sign(cross(a, b, d));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  if (d1 === 0 && onSegment(c, d, a)) return true;
  if (d2 === 0 && onSegment(c, d, b)) return true;
  if (d3 === 0 && onSegment(a, b, c)) return true;
  if (d4 === 0 && onSegment(a, b, d)) return true;
  return false;
}
