import type {
  ComparisonResponse,
  OfficialRankingQuery,
  SatisfactionLevel,
  SatisfactionSummary,
} from "@hailong/protocol";
import { type AttributableVisit, summariesByOfficial } from "../aggregation/official-summaries.js";
import { rankEntries } from "../aggregation/ranking.js";
import { createDutyResolver } from "../directory/roster.js";
import type { DirectorySnapshot, IncidentService, RosterStore, VisitExporter } from "./ports.js";
import { emptySummary } from "./summary.js";

export interface OfficialFiguresDeps {
  exporter: VisitExporter;
  incidents: IncidentService;
  roster: RosterStore;
}

export interface OfficialRankingDeps extends OfficialFiguresDeps {
  targetOf: (centreId: string) => number;
}

/** Who may read figures per official: the centre's leaders and supervisors (coaching, never citizens). */
export function readsOfficialFigures(user: { role: string; centreId: string | null }, centreId: string): boolean {
  return (user.role === "centre_leader" || user.role === "supervisor") && user.centreId === centreId;
}

/** The active officials of a centre with their figures over [from, to), attributed from the roster. */
export async function officialFigures(
  deps: OfficialFiguresDeps,
  directory: DirectorySnapshot,
  centreId: string,
  from: number,
  to: number,
): Promise<Array<{ officialId: string; officialName: string; summary: SatisfactionSummary }>> {
  const ids = directory.counters.filter((c) => c.centreId === centreId).map((c) => c.id);
  const [officials, shifts, visits, incidents] = await Promise.all([
    deps.roster.officials(),
    deps.roster.shifts(),
    visitsOf(deps.exporter, ids, from, to),
    deps.incidents.list({ counterIds: ids, from, to, includeTest: false, limit: 100_000 }),
  ]);
  const by = summariesByOfficial(visits, incidents.items, createDutyResolver(shifts));
  return officials
    .filter((o) => o.centreId === centreId && o.active)
    .map((o) => ({ officialId: o.id, officialName: o.name, summary: by.get(o.id) ?? emptySummary() }));
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
  const previousFrom = q.from - (q.to - q.from);
  const [now, before] = await Promise.all([
    officialFigures(deps, directory, centreId, q.from, q.to),
    officialFigures(deps, directory, centreId, previousFrom, q.from),
  ]);
  const centreName = directory.centres.find((c) => c.id === centreId)?.name ?? "";
  const rows = rankEntries(
    now
      .filter((o) => only === undefined || o.officialId === only)
      .map((o) => ({
        id: o.officialId,
        name: o.officialName,
        centreId,
        centreName,
        departmentName: null,
        current: o.summary,
        previous: before.find((b) => b.officialId === o.officialId)?.summary ?? emptySummary(),
        target: deps.targetOf(centreId),
      })),
  );
  return { groupBy: "official", from: q.from, to: q.to, previousFrom, rows };
}
