import { RollupAccumulator } from "../../aggregation/rollup-delta.js";
import { heldBackOfIncidents, smsOfIncidents } from "../../db/repos/alerts-repo.js";
import {
  acknowledgeIncidentRow,
  getIncident,
  listIncidents,
  outcomeCounts,
  type IncidentRecord as StoredIncident,
} from "../../db/repos/incidents-repo.js";
import { applyRollupDeltas } from "../../db/repos/rollups-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { AcknowledgeInput, IncidentFilter, IncidentRecord, IncidentService } from "../../http/ports.js";
import { alertCalibration } from "./alert-calibration.js";
import { alertQuality } from "./alert-quality.js";
import { maskPhone } from "./directory-reader.js";

/** "by" is stored as `<via>|<actor>|<display name>` so the API can say who and how without another table. */
function encodeBy(via: string, actor: string, name: string): string {
  return `${via}|${actor}|${name}`;
}

function decodeBy(by: string | null): { name: string | null; via: "dashboard" | "sms_link" | null } {
  if (!by) return { name: null, via: null };
  const [via, , ...name] = by.split("|");
  if ((via === "dashboard" || via === "sms_link") && name.length > 0) return { name: name.join("|"), via };
  return { name: by, via: null };
}

/** Incidents from the ingest's table, with the SMS notifications the alert engine queued for each. */
export function createIncidentService(sql: SqlClient): IncidentService {
  return {
    list: (filter) => listPage(sql, filter),
    get: (incidentId) => one(sql, incidentId),
    calibration: (counterId) => alertCalibration(sql, counterId),
    quality: (counterIds) => alertQuality(sql, counterIds),
    outcomes: (counterIds, from, to) => outcomeCounts(sql, counterIds, from, to),
    acknowledge: (input) => acknowledge(sql, input),
  };
}

async function listPage(
  sql: SqlClient,
  filter: IncidentFilter,
): Promise<{ items: IncidentRecord[]; nextCursor: string | null }> {
  const cut = filter.before?.indexOf("_") ?? -1;
  const before =
    filter.before && cut > 0
      ? { onset: Number(filter.before.slice(0, cut)), incidentId: filter.before.slice(cut + 1) }
      : undefined;
  const rows = await listIncidents(sql, {
    counterIds: filter.counterIds,
    includeTest: filter.includeTest,
    limit: filter.limit,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
    ...(before ? { before } : {}),
  });
  const last = rows.at(-1);
  return {
    items: await withAlerts(sql, rows),
    nextCursor: last && rows.length === filter.limit ? `${last.onset}_${last.incidentId}` : null,
  };
}

/** Acknowledges the incident; the first acknowledgement also counts in the rollups, in one transaction. */
async function acknowledge(sql: SqlClient, input: AcknowledgeInput): Promise<IncidentRecord | undefined> {
  await sql.transaction(async (tx) => {
    const { changed, incident } = await acknowledgeIncidentRow(tx, {
      incidentId: input.incidentId,
      by: encodeBy(input.via, input.actor, input.actorName),
      at: input.at,
      note: input.note,
      outcome: input.outcome ?? null,
    });
    // The first acknowledgement counts in the rollups (acknowledged, response time = ack − onset).
    if (changed && incident !== undefined) {
      const rollups = new RollupAccumulator();
      rollups.addAcknowledgement(incident, input.at);
      await applyRollupDeltas(tx, rollups.drain());
    }
  });
  return one(sql, input.incidentId);
}

async function one(sql: SqlClient, incidentId: string): Promise<IncidentRecord | undefined> {
  const stored = await getIncident(sql, incidentId);
  if (!stored) return undefined;
  return (await withAlerts(sql, [stored]))[0];
}

async function withAlerts(sql: SqlClient, rows: StoredIncident[]): Promise<IncidentRecord[]> {
  const ids = rows.map((r) => r.incidentId);
  const [notes, held] = await Promise.all([notificationsFor(sql, ids), heldBackFor(sql, ids)]);
  return rows.map((r) => toRecord(r, notes.get(r.incidentId) ?? [], held.get(r.incidentId) ?? []));
}

async function notificationsFor(sql: SqlClient, ids: string[]): Promise<Map<string, IncidentRecord["notifications"]>> {
  const map = new Map<string, IncidentRecord["notifications"]>();
  for (const sms of await smsOfIncidents(sql, ids)) {
    const list = map.get(sms.incidentId) ?? [];
    list.push({
      personName: sms.personName ?? "",
      phoneMasked: maskPhone(sms.toPhone) ?? "",
      status: sms.status,
      updatedAt: sms.updatedAt,
    });
    map.set(sms.incidentId, list);
  }
  return map;
}

async function heldBackFor(sql: SqlClient, ids: string[]): Promise<Map<string, IncidentRecord["smsHeldBack"]>> {
  const map = new Map<string, IncidentRecord["smsHeldBack"]>();
  for (const held of await heldBackOfIncidents(sql, ids)) {
    const list = map.get(held.incidentId) ?? [];
    list.push({ personName: held.personName ?? "", reason: held.reason ?? "" });
    map.set(held.incidentId, list);
  }
  return map;
}

function toRecord(
  i: StoredIncident,
  notifications: IncidentRecord["notifications"],
  smsHeldBack: IncidentRecord["smsHeldBack"],
): IncidentRecord {
  const by = decodeBy(i.acknowledgedBy);
  return {
    id: i.incidentId,
    counterId: i.counterId,
    visitId: i.visitId,
    onset: i.onset,
    raisedAt: i.receivedAt,
    peak: i.peak,
    durationMs: i.durationMs,
    episodes: i.episodes,
    lastSeenAt: i.lastSeenAt,
    endedAt: i.endedAt,
    test: i.test,
    status: i.status,
    acknowledgedBy: by.name,
    acknowledgedAt: i.acknowledgedAt,
    ackNote: i.ackNote,
    ackVia: by.via,
    outcome: i.outcome,
    notifications,
    smsHeldBack,
  };
}
