import { AuditActionSchema, type AuditEntry, CounterTuningSchema, newId } from "@hailong/protocol";
import type { SqlClient } from "../../db/sql-client.js";
import type { AuditLog, TuningStore } from "../../http/ports.js";

interface AuditRow {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  at: number;
}

function toEntry(row: AuditRow): AuditEntry | undefined {
  const action = AuditActionSchema.safeParse(row.action);
  if (!action.success) return undefined;
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: action.data,
    target: row.target ?? "",
    detail: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : {},
  };
}

/** Audit rows for acknowledgements, tuning pushes, test incidents and sign-ins. */
export function createAuditStore(sql: SqlClient): AuditLog {
  return {
    async record(entry) {
      await sql.execute("INSERT INTO audit_log (id, actor, action, target, details, at) VALUES (?, ?, ?, ?, ?, ?)", [
        newId(entry.at),
        entry.actor,
        entry.action,
        entry.target,
        JSON.stringify(entry.detail),
        entry.at,
      ]);
    },
    async list(q) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.from !== undefined) {
        where.push("at >= ?");
        params.push(q.from);
      }
      if (q.to !== undefined) {
        where.push("at < ?");
        params.push(q.to);
      }
      if (q.action !== undefined) {
        where.push("action = ?");
        params.push(q.action);
      }
      if (q.target !== undefined) {
        where.push("target = ?");
        params.push(q.target);
      }
      params.push(q.limit);
      const rows = await sql.query<AuditRow>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY at DESC, id DESC LIMIT ?`,
        params,
      );
      return rows.flatMap((r) => toEntry(r) ?? []);
    },
  };
}

/** The last tuning an agent confirmed is the newest `tuning.push` audit row of the counter. */
export function createAuditTuningStore(audit: AuditLog): TuningStore {
  return {
    async get(counterId) {
      const [entry] = await audit.list({ action: "tuning.push", target: counterId, limit: 1 });
      if (!entry) return undefined;
      const tuning = CounterTuningSchema.safeParse(entry.detail.tuning);
      const version = entry.detail.configVersion;
      if (!tuning.success || typeof version !== "number") return undefined;
      return { tuning: tuning.data, configVersion: version, updatedAt: entry.at, updatedBy: entry.actor };
    },
  };
}
