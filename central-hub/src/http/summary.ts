import type { LevelShares, SatisfactionSummary } from "@hailong/protocol";

/** Pure merging of satisfaction summaries: shares and scores are weighted by visits. */
export const EMPTY_SHARES: LevelShares = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };

export function emptySummary(): SatisfactionSummary {
  return { visits: 0, score: null, shares: { ...EMPTY_SHARES }, incidents: 0 };
}

export function mergeSummaries(parts: Iterable<SatisfactionSummary>): SatisfactionSummary {
  let visits = 0;
  let incidents = 0;
  let scoreSum = 0;
  let scored = 0;
  const shares = { ...EMPTY_SHARES };
  for (const part of parts) {
    visits += part.visits;
    incidents += part.incidents;
    if (part.score !== null && part.visits > 0) {
      scoreSum += part.score * part.visits;
      scored += part.visits;
      for (const key of Object.keys(shares) as Array<keyof LevelShares>) shares[key] += part.shares[key] * part.visits;
    }
  }
  if (scored === 0) return { visits, score: null, shares, incidents };
  for (const key of Object.keys(shares) as Array<keyof LevelShares>) shares[key] = round4(shares[key] / scored);
  return { visits, score: Math.round((scoreSum / scored) * 10) / 10, shares, incidents };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
