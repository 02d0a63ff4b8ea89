import { dayStart, hourStart } from "./buckets.js";

/**
 * Which source answers which part of a time range: whole local days from the daily rollups, whole hours
 * from the hourly rollups, and the partial hours at either end from the raw visits and incidents (rollup
 * rows cannot be split). Segments are disjoint, in order, and cover [from, to) exactly.
 */
export type RangeGrain = "raw" | "hour" | "day";

export interface RangeSegment {
  grain: RangeGrain;
  from: number;
  to: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** `coarsest: "hour"` leaves out the daily rollups (figures that need the hour, such as the heatmap). */
export function coverRange(from: number, to: number, coarsest: "hour" | "day"): RangeSegment[] {
  if (to <= from) return [];
  const h0 = hourStart(from) === from ? from : hourStart(from) + HOUR;
  const h1 = hourStart(to);
  if (h0 >= h1) return [{ grain: "raw", from, to }];
  const segments: RangeSegment[] = [];
  const push = (grain: RangeGrain, a: number, b: number) => {
    if (a < b) segments.push({ grain, from: a, to: b });
  };
  push("raw", from, h0);
  const d0 = dayStart(h0) === h0 ? h0 : dayStart(h0) + DAY;
  const d1 = dayStart(h1);
  if (coarsest === "hour" || d0 >= d1) push("hour", h0, h1);
  else {
    push("hour", h0, d0);
    push("day", d0, d1);
    push("hour", d1, h1);
  }
  push("raw", h1, to);
  return segments;
}
