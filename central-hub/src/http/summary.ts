import type { SatisfactionSummary } from "@hailong/protocol";
import { emptyLevelCounts, LEVELS, satisfactionRate, sharesOfVisits } from "../aggregation/visit-levels.js";

/** Pure merging of satisfaction summaries: level counts add up, the score is weighted by visits. */
export function emptySummary(): SatisfactionSummary {
  const levelCounts = emptyLevelCounts();
  return {
    visits: 0,
    levelCounts,
    shares: sharesOfVisits(levelCounts),
    satisfactionRate: null,
    score: null,
    incidents: 0,
  };
}

export function mergeSummaries(parts: Iterable<SatisfactionSummary>): SatisfactionSummary {
  let visits = 0;
  let incidents = 0;
  let scoreSum = 0;
  let scored = 0;
  const levelCounts = emptyLevelCounts();
  for (const part of parts) {
    visits += part.visits;
    incidents += part.incidents;
    for (const level of LEVELS) levelCounts[level] += part.levelCounts[level];
    if (part.score !== null && part.visits > 0) {
      scoreSum += part.score * part.visits;
      scored += part.visits;
    }
  }
  return {
    visits,
    levelCounts,
    shares: sharesOfVisits(levelCounts),
    satisfactionRate: satisfactionRate(levelCounts),
    score: scored === 0 ? null : Math.round((scoreSum / scored) * 10) / 10,
    incidents,
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
