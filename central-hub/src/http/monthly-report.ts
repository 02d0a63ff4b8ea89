import type { MonthlyReport } from "@hailong/protocol";
import { ApiHttpError } from "./api-error.js";
import type { AnalyticsReader, DirectorySnapshot, IncidentService } from "./ports.js";
import { emptySummary, median, mergeSummaries } from "./summary.js";

/** Ho Chi Minh City is UTC+7 all year (no DST), so local month bounds are a fixed offset from UTC. */
const UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

export function monthBounds(month: string): { from: number; to: number } {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return { from: Date.UTC(year, mon - 1, 1) - UTC_OFFSET_MS, to: Date.UTC(year, mon, 1) - UTC_OFFSET_MS };
}

export interface MonthlyReportDeps {
  analytics: AnalyticsReader;
  incidents: IncidentService;
  timeZone: string;
  now: () => number;
}

/** Composes the monthly report for one centre of an already-scoped directory. */
export async function buildMonthlyReport(
  deps: MonthlyReportDeps,
  directory: DirectorySnapshot,
  centreId: string,
  month: string,
): Promise<MonthlyReport> {
  const centre = directory.centres.find((c) => c.id === centreId);
  if (!centre) throw new ApiHttpError("not_found", `no centre ${centreId}`);
  const counters = directory.counters.filter((c) => c.centreId === centreId);
  const ids = counters.map((c) => c.id);
  const { from, to } = monthBounds(month);
  const [byDay, perCounter, acked] = await Promise.all([
    deps.analytics.trend(ids, "day", from, to),
    deps.analytics.perCounter(ids, from, to),
    deps.incidents.list({ counterIds: ids, from, to, status: "acknowledged", includeTest: false, limit: 10_000 }),
  ]);
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
  const ackDelays = acked.items
    .filter((i) => i.acknowledgedAt !== null)
    .map((i) => (i.acknowledgedAt as number) - i.raisedAt);
  return {
    centreId,
    centreName: centre.name,
    month,
    timeZone: deps.timeZone,
    generatedAt: deps.now(),
    total: mergeSummaries(perCounter.values()),
    acknowledgedIncidents: acked.items.length,
    medianAckMs: median(ackDelays),
    byDay,
    byCounter,
    byDepartment,
  };
}
