export interface FrameRecord {
  /** wall-clock ms when analysis finished */
  at: number;
  inferenceMs: number;
  /** box heights of the faces that counted (inside the ROI, large enough) */
  roiFaceSizes: number[];
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Rolling per-counter figures over the last windowMs of analysed frames; pure (time passed in). */
export function createFrameStats(windowMs: number) {
  let records: FrameRecord[] = [];
  const trim = (now: number) => {
    records = records.filter((r) => now - r.at <= windowMs);
  };
  return {
    record(record: FrameRecord): void {
      records.push(record);
      trim(record.at);
    },
    summary(now: number) {
      trim(now);
      const n = records.length;
      const span = n > 1 ? (records[n - 1] as FrameRecord).at - (records[0] as FrameRecord).at : 0;
      return {
        windowMs,
        frames: n,
        fps: span > 0 ? Math.round(((n - 1) * 1000 * 100) / span) / 100 : 0,
        detectionRate: n > 0 ? records.filter((r) => r.roiFaceSizes.length > 0).length / n : 0,
        medianFaceSizePx: median(records.flatMap((r) => r.roiFaceSizes)),
        inferenceMs: Math.round((median(records.map((r) => r.inferenceMs)) ?? 0) * 10) / 10,
      };
    },
  };
}
