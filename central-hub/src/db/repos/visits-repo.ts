import type { LevelShares, SatisfactionLevel, VisitEvent } from "@hailong/protocol";
import type { SqlClient } from "../sql-client.js";

export interface VisitRecord {
  visitId: string;
  counterId: string;
  agentId: string;
  seq: number;
  status: "open" | "ended";
  startedAt: number;
  endedAt: number | null;
  durationMs: number;
  frames: number;
  shares: LevelShares;
  score: number;
  level: SatisfactionLevel;
  /** A non-test incident was raised during the visit: it counts as dissatisfied (visit-levels.ts). */
  hadIncident: boolean;
  updatedAt: number;
}

const UPSERT = `INSERT INTO visits (visit_id, counter_id, agent_id, seq, status, started_at, ended_at, duration_ms, frames,
  share_very_satisfied, share_satisfied, share_neutral, share_dissatisfied, score, level, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (visit_id) DO UPDATE SET seq = excluded.seq, status = excluded.status, ended_at = excluded.ended_at,
  duration_ms = excluded.duration_ms, frames = excluded.frames, share_very_satisfied = excluded.share_very_satisfied,
  share_satisfied = excluded.share_satisfied, share_neutral = excluded.share_neutral,
  share_dissatisfied = excluded.share_dissatisfied, score = excluded.score, level = excluded.level,
  updated_at = excluded.updated_at
  WHERE excluded.seq > visits.seq`;

/** Applies a visit event; an event with a lower or equal `seq` than the stored one never overwrites it. */
export async function applyVisitEvent(sql: SqlClient, event: VisitEvent, receivedAt: number): Promise<boolean> {
  const changed = await sql.execute(UPSERT, [
    event.visitId,
    event.counterId,
    event.agentId,
    event.seq,
    event.kind === "end" ? "ended" : "open",
    event.startedAt,
    event.endedAt ?? null,
    event.durationMs,
    event.frames,
    event.shares.very_satisfied,
    event.shares.satisfied,
    event.shares.neutral,
    event.shares.dissatisfied,
    event.score,
    event.level,
    receivedAt,
  ]);
  return changed > 0;
}

interface VisitRow {
  visit_id: string;
  counter_id: string;
  agent_id: string;
  seq: number;
  status: "open" | "ended";
  started_at: number;
  ended_at: number | null;
  duration_ms: number;
  frames: number;
  share_very_satisfied: number;
  share_satisfied: number;
  share_neutral: number;
  share_dissatisfied: number;
  score: number;
  level: SatisfactionLevel;
  had_incident: number | boolean;
  updated_at: number;
}

/** Visit columns plus whether a non-test incident names the visit (incidents_visit_idx). */
const SELECT_VISITS = `SELECT v.*, EXISTS (SELECT 1 FROM incidents i WHERE i.visit_id = v.visit_id AND i.test = 0)
  AS had_incident FROM visits v`;

function toRecord(row: VisitRow): VisitRecord {
  return {
    visitId: row.visit_id,
    counterId: row.counter_id,
    agentId: row.agent_id,
    seq: row.seq,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    frames: row.frames,
    shares: {
      very_satisfied: row.share_very_satisfied,
      satisfied: row.share_satisfied,
      neutral: row.share_neutral,
      dissatisfied: row.share_dissatisfied,
    },
    score: row.score,
    level: row.level,
    hadIncident: Number(row.had_incident) === 1,
    updatedAt: row.updated_at,
  };
}

export async function getVisit(sql: SqlClient, visitId: string): Promise<VisitRecord | undefined> {
  const [row] = await sql.query<VisitRow>(`${SELECT_VISITS} WHERE v.visit_id = ?`, [visitId]);
  return row === undefined ? undefined : toRecord(row);
}

/** Visits of the given counters started in [from, to), oldest first, one page at a time. */
export async function listVisits(
  sql: SqlClient,
  query: {
    counterIds: readonly string[];
    from: number;
    to: number;
    after?: { startedAt: number; visitId: string };
    limit: number;
  },
): Promise<VisitRecord[]> {
  if (query.counterIds.length === 0) return [];
  const inList = query.counterIds.map(() => "?").join(", ");
  const after = query.after === undefined ? "" : "AND (v.started_at > ? OR (v.started_at = ? AND v.visit_id > ?))";
  const afterParams =
    query.after === undefined ? [] : [query.after.startedAt, query.after.startedAt, query.after.visitId];
  const rows = await sql.query<VisitRow>(
    `${SELECT_VISITS} WHERE v.counter_id IN (${inList}) AND v.started_at >= ? AND v.started_at < ? ${after}
     ORDER BY v.started_at, v.visit_id LIMIT ?`,
    [...query.counterIds, query.from, query.to, ...afterParams, query.limit],
  );
  return rows.map(toRecord);
}

/** The most recent visit per counter (for live tiles). */
export async function latestVisits(sql: SqlClient, counterIds: readonly string[]): Promise<VisitRecord[]> {
  if (counterIds.length === 0) return [];
  const inList = counterIds.map(() => "?").join(", ");
  const rows = await sql.query<VisitRow>(
    `${SELECT_VISITS} JOIN (SELECT counter_id, MAX(started_at) AS started_at FROM visits
       WHERE counter_id IN (${inList}) GROUP BY counter_id) m
     ON v.counter_id = m.counter_id AND v.started_at = m.started_at`,
    [...counterIds],
  );
  return rows.map(toRecord);
}

/**
 * Deletes visits that ended before the cut-off (already counted into the rollups when they ended) and visits
 * left open with no event since the cut-off (an agent that vanished mid-visit; never counted).
 */
export async function pruneVisits(sql: SqlClient, before: number): Promise<number> {
  return sql.execute(
    "DELETE FROM visits WHERE (status = 'ended' AND ended_at < ?) OR (status = 'open' AND updated_at < ?)",
    [before, before],
  );
}

/**
 * Whether a non-test incident other than `exceptIncidentId` names the visit: the visit is then already counted
 * as dissatisfied, whatever the order its end and its incidents arrived in.
 */
export async function visitHasIncident(sql: SqlClient, visitId: string, exceptIncidentId?: string): Promise<boolean> {
  const rows = await sql.query<{ one: number }>(
    "SELECT 1 AS one FROM incidents WHERE visit_id = ? AND test = 0 AND incident_id <> ? LIMIT 1",
    [visitId, exceptIncidentId ?? ""],
  );
  return rows.length > 0;
}

/** The level of each open visit of the counters updated at or after `updatedSince`, oldest update first. */
export async function openVisitLevels(
  sql: SqlClient,
  counterIds: readonly string[],
  updatedSince: number,
): Promise<Array<{ counterId: string; level: SatisfactionLevel; updatedAt: number }>> {
  if (counterIds.length === 0) return [];
  const rows = await sql.query<{ counter_id: string; level: SatisfactionLevel; updated_at: number }>(
    `SELECT counter_id, level, updated_at FROM visits WHERE counter_id IN (${counterIds.map(() => "?").join(", ")})
     AND status = 'open' AND updated_at >= ? ORDER BY updated_at`,
    [...counterIds, updatedSince],
  );
  return rows.map((r) => ({ counterId: r.counter_id, level: r.level, updatedAt: r.updated_at }));
}
