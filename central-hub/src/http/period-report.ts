import type { PeriodReport, ReportIncident } from "@hailong/protocol";
import { ApiHttpError } from "./api-error.js";
import { type OfficialFiguresDeps, officialFigures } from "./official-ranking.js";
import type { AnalyticsReader, DirectorySnapshot, IncidentRecord } from "./ports.js";
import { reportPeriod } from "./report-period.js";
import { emptySummary, median, mergeSummaries } from "./summary.js";

export interface PeriodReportDeps extends OfficialFiguresDeps {
  analytics: AnalyticsReader;
  timeZone: string;
  now: () => number;
}

/** Incidents a report lists; the outcome counts still cover all of them. */
const MAX_LISTED_INCIDENTS = 500;

function incidentOutcomes(items: readonly IncidentRecord[]): PeriodReport["incidentOutcomes"] {
  const out = { open: 0, handled: 0, falseAlarm: 0, noAction: 0, unstated: 0 };
  for (const i of items) {
    if (i.status === "open") out.open++;
    else if (i.outcome === "handled") out.handled++;
    else if (i.outcome === "false-alarm") out.falseAlarm++;
    else if (i.outcome === "no-action") out.noAction++;
    else out.unstated++;
  }
  return out;
}

/** Composes the report of one centre of an already-scoped directory for a month (yyyy-mm), quarter (yyyy-Qn) or year. */
export async function buildPeriodReport(
  deps: PeriodReportDeps,
  directory: DirectorySnapshot,
  centreId: string,
  period: string,
  /** Include the table by official (the viewer is one of the centre's leaders or supervisors). */
  withOfficials = false,
): Promise<PeriodReport> {
  const centre = directory.centres.find((c) => c.id === centreId);
  if (!centre) throw new ApiHttpError("not_found", `no centre ${centreId}`);
  const counters = directory.counters.filter((c) => c.centreId === centreId);
  const ids = counters.map((c) => c.id);
  const bounds = reportPeriod(period);
  const { from, to } = bounds;
  const [byDay, perCounter, all, officials] = await Promise.all([
    deps.analytics.trend(ids, bounds.bucket, from, to),
    deps.analytics.perCounter(ids, from, to),
    deps.incidents.list({ counterIds: ids, from, to, includeTest: false, limit: 10_000 }),
    withOfficials ? officialFigures(deps, directory, centreId, from, to) : Promise.resolve([]),
  ]);
  const counterName = new Map(counters.map((c) => [c.id, c.name]));
  const byCounter = counters.map((c) => ({
    ...(perCounter.get(c.id) ?? emptySummary()),
    counterId: c.id,
    counterName: c.name,
    field: c.field,
    departmentName: directory.departments.find((d) => d.id === c.departmentId)?.name ?? null,
  }));
  const byDepartment = directory.departments
    .filter((d) => d.centreId === centreId)
    .map((d) => ({
      ...mergeSummaries(
        counters.filter((c) => c.departmentId === d.id).map((c) => perCounter.get(c.id) ?? emptySummary()),
      ),
      departmentId: d.id,
      departmentName: d.name,
    }));
  const acked = all.items.filter((i) => i.status === "acknowledged" && i.acknowledgedAt !== null);
  const incidents: ReportIncident[] = [...all.items]
    .sort((a, b) => b.raisedAt - a.raisedAt)
    .slice(0, MAX_LISTED_INCIDENTS)
    .map((i) => ({
      raisedAt: i.raisedAt,
      counterName: counterName.get(i.counterId) ?? "",
      durationMs: i.durationMs,
      status: i.status,
      outcome: i.outcome,
      acknowledgedBy: i.acknowledgedBy,
      acknowledgedAt: i.acknowledgedAt,
      note: i.ackNote,
    }));
  return {
    centreId,
    centreName: centre.name,
    kind: bounds.kind,
    period,
    periodLabel: bounds.label,
    from,
    to,
    bucket: bounds.bucket,
    timeZone: deps.timeZone,
    generatedAt: deps.now(),
    total: mergeSummaries(perCounter.values()),
    acknowledgedIncidents: acked.length,
    medianAckMs: median(acked.map((i) => (i.acknowledgedAt as number) - i.raisedAt)),
    byDay,
    byCounter,
    byDepartment,
    byOfficial: officials.map((o) => ({ ...o.summary, officialId: o.officialId, officialName: o.officialName })),
    incidents,
    incidentOutcomes: incidentOutcomes(all.items),
  };
}
