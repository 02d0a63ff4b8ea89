/**
 * Time buckets in Asia/Ho_Chi_Minh local time. Vietnam is UTC+7 all year (no DST), so a fixed offset is
 * exact; hour boundaries coincide with UTC hour boundaries.
 */
export const PERIODS = ["hour", "day", "week", "month"] as const;
export type Period = (typeof PERIODS)[number];

export const LOCAL_OFFSET_MS = 7 * 3_600_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function hourStart(ts: number): number {
  return Math.floor(ts / HOUR) * HOUR;
}

export function dayStart(ts: number): number {
  return Math.floor((ts + LOCAL_OFFSET_MS) / DAY) * DAY - LOCAL_OFFSET_MS;
}

/** Weeks start on Monday 00:00 local time (ISO weeks). */
export function weekStart(ts: number): number {
  const day = Math.floor((ts + LOCAL_OFFSET_MS) / DAY);
  // 1970-01-01 was a Thursday: Monday-based weekday index 3.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday) * DAY - LOCAL_OFFSET_MS;
}

export function monthStart(ts: number): number {
  const local = new Date(ts + LOCAL_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - LOCAL_OFFSET_MS;
}

export function bucketStart(period: Period, ts: number): number {
  switch (period) {
    case "hour":
      return hourStart(ts);
    case "day":
      return dayStart(ts);
    case "week":
      return weekStart(ts);
    case "month":
      return monthStart(ts);
  }
}

export function nextBucketStart(period: Period, start: number): number {
  switch (period) {
    case "hour":
      return start + HOUR;
    case "day":
      return start + DAY;
    case "week":
      return start + 7 * DAY;
    case "month": {
      const local = new Date(start + LOCAL_OFFSET_MS);
      return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - LOCAL_OFFSET_MS;
    }
  }
}

/** Every bucket start in [from, to). */
export function bucketStarts(period: Period, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let s = bucketStart(period, from); s < to; s = nextBucketStart(period, s)) starts.push(s);
  return starts;
}
