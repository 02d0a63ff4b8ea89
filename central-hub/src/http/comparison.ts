import type { ComparisonQuery, ComparisonResponse, SatisfactionSummary } from "@hailong/protocol";
import { type RankingEntry, rankEntries } from "../aggregation/ranking.js";
import type { AnalyticsReader, DirectorySnapshot, OutcomeCounts } from "./ports.js";
import { emptySummary, mergeSummaries } from "./summary.js";

export interface ComparisonDeps {
  analytics: AnalyticsReader;
  /** The centre's target tỷ lệ hài lòng (%). */
  targetOf: (centreId: string) => number;
  /** Labelled incidents per counter in a period (the false-alarm column). */
  outcomes: (counterIds: readonly string[], from: number, to: number) => Promise<Map<string, OutcomeCounts>>;
}

/** The ranking over an already-scoped directory: counters (or centres) now and in the previous period. */
export async function buildComparison(
  deps: ComparisonDeps,
  directory: DirectorySnapshot,
  q: ComparisonQuery,
): Promise<ComparisonResponse> {
  const counters = directory.counters.filter(
    (c) => (q.centreId === undefined || c.centreId === q.centreId) && (q.field === undefined || c.field === q.field),
  );
  const ids = counters.map((c) => c.id);
  const previousFrom = q.from - (q.to - q.from);
  const [now, before, labels] = await Promise.all([
    deps.analytics.perCounter(ids, q.from, q.to),
    deps.analytics.perCounter(ids, previousFrom, q.from),
    deps.outcomes(ids, q.from, q.to),
  ]);
  const noLabels = { labelled: 0, falseAlarms: 0 };
  const sumLabels = (of: readonly string[]) =>
    of.reduce((sum, id) => {
      const l = labels.get(id) ?? noLabels;
      return { labelled: sum.labelled + l.labelled, falseAlarms: sum.falseAlarms + l.falseAlarms };
    }, noLabels);
  const centreName = new Map(directory.centres.map((c) => [c.id, c.name]));
  const departmentName = new Map(directory.departments.map((d) => [d.id, d.name]));
  let entries: RankingEntry[];
  if (q.groupBy === "centre") {
    const of = (map: Map<string, SatisfactionSummary>, centreId: string) =>
      mergeSummaries(counters.filter((c) => c.centreId === centreId).map((c) => map.get(c.id) ?? emptySummary()));
    entries = [...new Set(counters.map((c) => c.centreId))].map((centreId) => ({
      id: centreId,
      name: centreName.get(centreId) ?? centreId,
      centreId,
      centreName: centreName.get(centreId) ?? centreId,
      departmentName: null,
      current: of(now, centreId),
      previous: of(before, centreId),
      target: deps.targetOf(centreId),
      outcomes: sumLabels(counters.filter((c) => c.centreId === centreId).map((c) => c.id)),
    }));
  } else {
    entries = counters.map((c) => ({
      id: c.id,
      name: c.name,
      centreId: c.centreId,
      centreName: centreName.get(c.centreId) ?? c.centreId,
      departmentName: c.departmentId === null ? null : (departmentName.get(c.departmentId) ?? null),
      current: now.get(c.id) ?? emptySummary(),
      previous: before.get(c.id) ?? emptySummary(),
      target: deps.targetOf(c.centreId),
      outcomes: sumLabels([c.id]),
    }));
  }
  return { groupBy: q.groupBy, from: q.from, to: q.to, previousFrom, rows: rankEntries(entries) };
}
