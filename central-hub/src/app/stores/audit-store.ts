import { AuditActionSchema, type AuditEntry, CounterTuningSchema, newId } from "@hailong/protocol";
import { type AuditRow, insertAuditRow, listAuditRows } from "../../db/repos/audit-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { AuditLog, TuningStore } from "../../http/ports.js";

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
      await insertAuditRow(sql, {
        id: newId(entry.at),
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details: JSON.stringify(entry.detail),
        at: entry.at,
      });
    },
    list: async (q) => (await listAuditRows(sql, q)).flatMap((r) => toEntry(r) ?? []),
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
