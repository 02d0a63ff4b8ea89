/**
 * Proposes a dissatisfied threshold for one counter from its labelled incidents (pure). Each acknowledged
 * incident with an outcome is a label: `false-alarm` says the citizen was not irritated, `handled` and
 * `no-action` say they were. An incident's peak is the highest smoothed dissatisfied probability the agent saw,
 * so raising the threshold to t keeps exactly the incidents whose peak is at least t. The proposal is the lowest
 * candidate t whose precision reaches the target, so no more real incidents are lost than needed. It is only a
 * proposal: a person confirms it before it is pushed to the agent.
 */
export interface LabelledIncident {
  peak: number;
  falseAlarm: boolean;
}

export interface ThresholdEvidence {
  incidents: number;
  falseAlarms: number;
  /** Share of labelled incidents that were real, at the current threshold. */
  precisionNow: number | null;
  proposed: number | null;
  /** Precision had the proposed threshold been in force, and how many real incidents it would have missed. */
  precisionProposed: number | null;
  realMissed: number;
}

export interface ProposalOptions {
  current: number;
  targetPrecision: number;
  /** Fewer labels than this: no proposal (the evidence is too thin). */
  minLabels: number;
}

const STEP = 0.01;

export function proposeThreshold(labels: readonly LabelledIncident[], options: ProposalOptions): ThresholdEvidence {
  const falseAlarms = labels.filter((l) => l.falseAlarm).length;
  const precisionAt = (t: number) => {
    const kept = labels.filter((l) => l.peak >= t);
    return kept.length === 0 ? null : kept.filter((l) => !l.falseAlarm).length / kept.length;
  };
  const base = { incidents: labels.length, falseAlarms, precisionNow: precisionAt(0) };
  const none = { ...base, proposed: null, precisionProposed: null, realMissed: 0 };
  if (labels.length < options.minLabels || falseAlarms === 0) return none;
  // Candidates just above each false alarm's peak, from the current threshold up.
  const candidates = [...new Set(labels.filter((l) => l.falseAlarm).map((l) => round(l.peak + STEP)))]
    .filter((t) => t > options.current && t <= 1)
    .sort((a, b) => a - b);
  for (const t of candidates) {
    const precision = precisionAt(t);
    if (precision !== null && precision >= options.targetPrecision) {
      const realMissed = labels.filter((l) => !l.falseAlarm && l.peak < t).length;
      return { ...base, proposed: t, precisionProposed: precision, realMissed };
    }
  }
  return none;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
