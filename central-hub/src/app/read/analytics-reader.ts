import { listIncidents } from "../../db/repos/incidents-repo.js";
import { listVisits, type VisitRecord } from "../../db/repos/visits-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { AnalyticsReader } from "../../http/ports.js";
import {
  type IncidentFact,
  summarizeHeatmap,
  summarizePerCounter,
  summarizeTrend,
  type VisitFact,
} from "./summarize-visits.js";

const PAGE = 5_000;
const MAX_INCIDENTS = 100_000;

/** Ended visits of the counters started in [from, to), read page by page. */
export async function* endedVisits(
  sql: SqlClient,
  counterIds: string[],
  from: number,
  to: number,
): AsyncGenerator<VisitRecord> {
  let after: { startedAt: number; visitId: string } | undefined;
  for (;;) {
    const page = await listVisits(sql, { counterIds, from, to, limit: PAGE, ...(after ? { after } : {}) });
    for (const visit of page) if (visit.status === "ended") yield visit;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { startedAt: last.startedAt, visitId: last.visitId };
  }
}

/**
 * Trends, heatmap and comparison computed from stored visits and incidents. Fine for a ward's volume
 * (thousands of visits a month); the hourly rollups are the faster source once their query API exists.
 */
export function createAnalyticsReader(sql: SqlClient): AnalyticsReader {
  async function facts(counterIds: string[], from: number, to: number): Promise<[VisitFact[], IncidentFact[]]> {
    const visits: VisitFact[] = [];
    for await (const v of endedVisits(sql, counterIds, from, to)) visits.push(v);
    const incidents = await listIncidents(sql, { counterIds, from, to, includeTest: false, limit: MAX_INCIDENTS });
    return [visits, incidents];
  }
  return {
    async trend(counterIds, period, from, to) {
      const [visits, incidents] = await facts(counterIds, from, to);
      return summarizeTrend(visits, incidents, period, from, to);
    },
    async heatmap(counterIds, from, to) {
      const [visits] = await facts(counterIds, from, to);
      return summarizeHeatmap(visits);
    },
    async perCounter(counterIds, from, to) {
      const [visits, incidents] = await facts(counterIds, from, to);
      return summarizePerCounter(visits, incidents);
    },
  };
}
