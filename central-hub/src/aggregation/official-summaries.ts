import type { SatisfactionLevel, SatisfactionSummary } from "@hailong/protocol";
import { countedLevel, emptyLevelCounts, LEVELS, satisfactionRate, sharesOfVisits } from "./visit-levels.js";

export interface AttributableVisit {
  visitId: string;
  counterId: string;
  startedAt: number;
  level: SatisfactionLevel;
  score: number;
}

export interface AttributableIncident {
  visitId: string;
  counterId: string;
  raisedAt: number;
}

/**
 * Summaries per official: each visit goes to the official on duty when it started and each incident to the one
 * on duty when it was raised; a visit with an incident counts as dissatisfied, as for counters. Visits nobody
 * was rostered for are left out. Pure.
 */
export function summariesByOfficial(
  visits: Iterable<AttributableVisit>,
  incidents: readonly AttributableIncident[],
  onDuty: (counterId: string, ts: number) => string | undefined,
): Map<string, SatisfactionSummary> {
  const withIncident = new Set(incidents.map((i) => i.visitId));
  const acc = new Map<string, { counts: Record<SatisfactionLevel, number>; scoreSum: number; incidents: number }>();
  const of = (officialId: string) => {
    let a = acc.get(officialId);
    if (!a) {
      a = { counts: emptyLevelCounts(), scoreSum: 0, incidents: 0 };
      acc.set(officialId, a);
    }
    return a;
  };
  for (const v of visits) {
    const officialId = onDuty(v.counterId, v.startedAt);
    if (officialId === undefined) continue;
    const a = of(officialId);
    a.counts[countedLevel({ level: v.level, hadIncident: withIncident.has(v.visitId) })]++;
    a.scoreSum += v.score;
  }
  for (const i of incidents) {
    const officialId = onDuty(i.counterId, i.raisedAt);
    if (officialId !== undefined) of(officialId).incidents++;
  }
  const out = new Map<string, SatisfactionSummary>();
  for (const [officialId, a] of acc) {
    const visitCount = LEVELS.reduce((sum, l) => sum + a.counts[l], 0);
    out.set(officialId, {
      visits: visitCount,
      levelCounts: a.counts,
      shares: sharesOfVisits(a.counts),
      satisfactionRate: satisfactionRate(a.counts),
      score: visitCount === 0 ? null : Math.round((a.scoreSum / visitCount) * 10) / 10,
      incidents: a.incidents,
    });
  }
  return out;
}
