import {
  acknowledgeIncidentRow,
  getIncident,
  listIncidents,
  type IncidentRecord as StoredIncident,
} from "../../db/repos/incidents-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { IncidentRecord, IncidentService } from "../../http/ports.js";
import { alertCalibration } from "./alert-calibration.js";
import { alertQuality } from "./alert-quality.js";
import { maskPhone } from "./directory-reader.js";

interface NotificationRow {
  incident_id: string;
  person_name: string | null;
  to_phone: string;
  status: string;
  updated_at: number;
}

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
  async function notificationsFor(ids: string[]): Promise<Map<string, IncidentRecord["notifications"]>> {
    const map = new Map<string, IncidentRecord["notifications"]>();
    if (ids.length === 0) return map;
    const rows = await sql.query<NotificationRow>(
      `SELECT a.incident_id, p.name AS person_name, o.to_phone, o.status, o.updated_at
         FROM alerts a JOIN sms_outbox o ON o.alert_id = a.id LEFT JOIN people p ON p.id = a.person_id
         WHERE a.incident_id IN (${ids.map(() => "?").join(", ")}) ORDER BY o.created_at`,
      ids,
    );
    for (const row of rows) {
      const list = map.get(row.incident_id) ?? [];
      list.push({
        personName: row.person_name ?? "",
        phoneMasked: maskPhone(row.to_phone) ?? "",
        status: row.status,
        updatedAt: row.updated_at,
      });
      map.set(row.incident_id, list);
    }
    return map;
  }

  async function heldBackFor(ids: string[]): Promise<Map<string, IncidentRecord["smsHeldBack"]>> {
    const map = new Map<string, IncidentRecord["smsHeldBack"]>();
    if (ids.length === 0) return map;
    const rows = await sql.query<{ incident_id: string; person_name: string | null; reason: string | null }>(
      `SELECT a.incident_id, p.name AS person_name, a.suppressed_reason AS reason
         FROM alerts a LEFT JOIN people p ON p.id = a.person_id
         WHERE a.kind = 'held-back' AND a.incident_id IN (${ids.map(() => "?").join(", ")}) ORDER BY a.created_at`,
      ids,
    );
    for (const row of rows) {
      const list = map.get(row.incident_id) ?? [];
      list.push({ personName: row.person_name ?? "", reason: row.reason ?? "" });
      map.set(row.incident_id, list);
    }
    return map;
  }

  async function withAlerts(rows: StoredIncident[]): Promise<IncidentRecord[]> {
    const ids = rows.map((r) => r.incidentId);
    const [notes, held] = await Promise.all([notificationsFor(ids), heldBackFor(ids)]);
    return rows.map((r) => toRecord(r, notes.get(r.incidentId) ?? [], held.get(r.incidentId) ?? []));
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

  async function one(incidentId: string): Promise<IncidentRecord | undefined> {
    const stored = await getIncident(sql, incidentId);
    if (!stored) return undefined;
    return (await withAlerts([stored]))[0];
  }

  return {
    async list(filter) {
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
        items: await withAlerts(rows),
        nextCursor: last && rows.length === filter.limit ? `${last.onset}_${last.incidentId}` : null,
      };
    },
    get: one,
    calibration: (counterId) => alertCalibration(sql, counterId),
    quality: (counterIds) => alertQuality(sql, counterIds),
    async acknowledge(input) {
      await acknowledgeIncidentRow(sql, {
        incidentId: input.incidentId,
        by: encodeBy(input.via, input.actor, input.actorName),
        at: input.at,
        note: input.note,
        outcome: input.outcome ?? null,
      });
      return one(input.incidentId);
    },
  };
}
