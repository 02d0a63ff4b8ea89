/**
 * Per-visit baseline of P(dissatisfied): a citizen usually sits down neutral, and how a model reads one person's
 * neutral face varies from person to person (the JAFFE gap: good ranking, wrong absolute level). The median of
 * the visit's first `windowMs` is that person's baseline; afterwards the signal the incident detector sees is the
 * absolute probability pushed up by the rise over the baseline in log-odds. It never goes below the absolute
 * probability, so a citizen who arrives already angry is still caught on the absolute level alone.
 */
export interface VisitBaselineOptions {
  /** length of the opening stretch whose median is the baseline */
  windowMs: number;
  /** log-odds added per log-odds of rise over the baseline; 0 turns the baseline off */
  liftWeight: number;
  /** the baseline is never taken below this (a near-zero baseline would make any flicker a large rise) */
  floor: number;
}

/**
 * Chosen on CK+, the TV clip and FER2013 onsets together with the download default's models (docs/scoring.md,
 * scripts/eval/measure-visit-baseline.ts): below 0.8 CK+ angry S111_006 raises nothing, from 0.95 a 1 s frown
 * outlasts the dwell.
 */
export const DEFAULT_VISIT_BASELINE: VisitBaselineOptions = { windowMs: 1000, liftWeight: 0.85, floor: 0.05 };

const EPS = 1e-6;
const logit = (p: number): number => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Combines the absolute probability with its rise over a baseline: sigmoid(logit p + w·max(0, logit p − logit b)). */
export function liftedProbability(p: number, baseline: number, options: VisitBaselineOptions): number {
  if (options.liftWeight <= 0) return p;
  const rise = Math.max(0, logit(p) - logit(Math.max(baseline, options.floor)));
  return sigmoid(logit(p) + options.liftWeight * rise);
}

/** Pure, one per visit: feed every observation in time order; returns the signal for the incident detector. */
export function createVisitBaseline(options: VisitBaselineOptions) {
  let startedAt: number | undefined;
  const opening: number[] = [];
  let baseline: number | undefined;
  return {
    observe(ts: number, p: number): number {
      startedAt ??= ts;
      if (baseline === undefined) {
        if (ts - startedAt < options.windowMs) {
          opening.push(p);
          return p;
        }
        baseline = opening.length > 0 ? median(opening) : p;
      }
      return liftedProbability(p, baseline, options);
    },
    /** the baseline once the opening stretch is over, else undefined */
    baseline: (): number | undefined => baseline,
  };
}

export type VisitBaseline = ReturnType<typeof createVisitBaseline>;
