export interface SampleTimings {
  /** ms of every timed call */
  callMs: number[];
  /** ms of every timed sample (the sum of its calls) */
  sampleMs: number[];
}

export const WARMUP_SAMPLES = 3;

/** Runs `call` callsPerSample times per sample, WARMUP_SAMPLES untimed samples first, then `iterations` timed ones. */
export async function timeSamples(
  call: () => Promise<void> | void,
  callsPerSample: number,
  iterations: number,
): Promise<SampleTimings> {
  const callMs: number[] = [];
  const sampleMs: number[] = [];
  for (let i = 0; i < iterations + WARMUP_SAMPLES; i++) {
    let total = 0;
    for (let c = 0; c < callsPerSample; c++) {
      const started = performance.now();
      await call();
      const elapsed = performance.now() - started;
      total += elapsed;
      if (i >= WARMUP_SAMPLES) callMs.push(elapsed);
    }
    if (i >= WARMUP_SAMPLES) sampleMs.push(total);
  }
  return { callMs, sampleMs };
}
