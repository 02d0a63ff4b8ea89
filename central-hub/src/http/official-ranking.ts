import type { ComparisonResponse, OfficialRankingQuery, SatisfactionLevel } from "@hailong/protocol";
import { type AttributableVisit, summariesByOfficial } from "../aggregation/official-summaries.js";
import { rankEntries } from "../aggregation/ranking.js";
import { createDutyResolver } from "../directory/roster.js";
import type { DirectorySnapshot, IncidentService, RosterStore, VisitExporter } from "./ports.js";
import { emptySummary } from "./summary.js";

export interface OfficialRankingDeps {
  exporter: VisitExporter;
  incidents: IncidentService;
  roster: RosterStore;
  targetOf: (centreId: string) => number;
}

async function visitsOf(exporter: VisitExporter, ids: string[], from: number, to: number) {
  const out: AttributableVisit[] = [];
  for await (const v of exporter.visits(ids, from, to)) {
    out.push({
      visitId: v.visitId,
      counterId: v.counterId,
      startedAt: v.startedAt,
      level: v.level as SatisfactionLevel,
      score: v.score,
    });
  }
  return out;
}

/**
 * The ranking of officials of one centre (already scoped to the viewer) now and in the previous period of the
 * same length, with the same columns as the counter ranking. Attribution is read from the roster at query time.
 */
export async function buildOfficialRanking(
  deps: OfficialRankingDeps,
  directory: DirectorySnapshot,
  centreId: string,
  q: OfficialRankingQuery,
  only?: string,
): Promise<ComparisonResponse> {
  const ids = directory.counters.filter((c) => c.centreId === centreId).map((c) => c.id);
  const previousFrom = q.from - (q.to - q.from);
  const [officials, shifts, visits, incidents] = await Promise.all([
    deps.roster.officials(),
    deps.roster.shifts(),
    visitsOf(deps.exporter, ids, previousFrom, q.to),
    deps.incidents.list({ counterIds: ids, from: previousFrom, to: q.to, includeTest: false, limit: 100_000 }),
  ]);
  const onDuty = createDutyResolver(shifts);
  const split = <T>(list: readonly T[], at: (t: T) => number) => [
    list.filter((x) => at(x) >= q.from),
    list.filter((x) => at(x) < q.from),
  ];
  const [visitsNow, visitsBefore] = split(visits, (v) => v.startedAt);
  const [incNow, incBefore] = split(incidents.items, (i) => i.raisedAt);
  const now = summariesByOfficial(visitsNow as AttributableVisit[], incNow ?? [], onDuty);
  const before = summariesByOfficial(visitsBefore as AttributableVisit[], incBefore ?? [], onDuty);
  const centreName = directory.centres.find((c) => c.id === centreId)?.name ?? "";
  const rows = rankEntries(
    officials
      .filter((o) => o.centreId === centreId && o.active && (only === undefined || o.id === only))
      .map((o) => ({
        id: o.id,
        name: o.name,
        centreId,
        centreName,
        departmentName: null,
        current: now.get(o.id) ?? emptySummary(),
        previous: before.get(o.id) ?? emptySummary(),
        target: deps.targetOf(centreId),
      })),
  );
  return { groupBy: "official", from: q.from, to: q.to, previousFrom, rows };
}
