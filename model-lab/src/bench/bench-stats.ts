import { percentile } from "./percentiles.js";

export interface TimingSummary {
  /** median ms of one inference call */
  medianMsPerCall: number;
  /** 99th percentile ms of one inference call */
  p99MsPerCall: number;
  /** median ms of a whole sample (all its calls) divided by the images in it */
  msPerImage: number;
  /** number of timed calls behind the per-call figures */
  calls: number;
}

/**
 * Summarises timings: `callMs` holds every call, `sampleMs` the sum of the calls of each sample
 * (equal to callMs when one call carries the whole batch).
 */
export function summariseTimings(
  callMs: readonly number[],
  sampleMs: readonly number[],
  imagesPerSample: number,
): TimingSummary {
  if (imagesPerSample <= 0) throw new Error("imagesPerSample must be positive");
  return {
    medianMsPerCall: percentile(callMs, 50),
    p99MsPerCall: percentile(callMs, 99),
    msPerImage: percentile(sampleMs, 50) / imagesPerSample,
    calls: callMs.length,
  };
}
