import { dayStart, hourStart, monthStart, nextBucketStart } from "./buckets.js";

/**
 * Which source answers which part of a time range: whole local months from the monthly rollups, whole
 * local days from the daily ones, whole hours from the hourly ones, and the partial hours at either end
 * from the raw visits and incidents (rollup rows cannot be split). Segments are disjoint, in order, and
 * cover [from, to) exactly.
 */
export type RangeGrain = "raw" | "hour" | "day" | "month";

export interface RangeSegment {
  grain: RangeGrain;
  from: number;
  to: number;
}

const ORDER: RangeGrain[] = ["raw", "hour", "day", "month"];
const startOf = { hour: hourStart, day: dayStart, month: monthStart } as const;

/** The first boundary of `grain` at or after `ts`. */
function ceilTo(grain: "hour" | "day" | "month", ts: number): number {
  const start = startOf[grain](ts);
  return start === ts ? ts : nextBucketStart(grain, start);
}

/**
 * `coarsest` is the largest rollup a caller may use: "hour" when it needs the hour of day (the heatmap),
 * "day" when its buckets are days or weeks (weeks do not align with months).
 */
export function coverRange(from: number, to: number, coarsest: "hour" | "day" | "month"): RangeSegment[] {
  if (to <= from) return [];
  const split = (grain: RangeGrain, a: number, b: number): RangeSegment[] => {
    if (a >= b) return [];
    if (grain === "raw") return [{ grain, from: a, to: b }];
    const inner = ORDER[ORDER.indexOf(grain) - 1] as RangeGrain;
    const lo = ceilTo(grain, a);
    const hi = startOf[grain](b);
    if (lo >= hi) return split(inner, a, b);
    return [...split(inner, a, lo), { grain, from: lo, to: hi }, ...split(inner, hi, b)];
  };
  return split(coarsest, from, to);
}
