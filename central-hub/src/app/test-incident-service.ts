import { newId } from "@hailong/protocol";
import { upsertIncident } from "../db/repos/incidents-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import type { TestIncidentService } from "../http/ports.js";
import { formatIncidentSms, type SmsFormatOptions } from "../sms/message-format.js";
import type { OutboxStore } from "../sms/outbox-store.js";
import type { AckTokens } from "./ack-tokens.js";
import { maskPhone } from "./read/directory-reader.js";

export interface TestIncidentDeps {
  sql: SqlClient;
  outbox: OutboxStore;
  /** Wakes the SMS worker after queueing. */
  kick: () => void;
  ackTokens: AckTokens;
  publicBaseUrl: string;
  sms: SmsFormatOptions & { validityMinutes: number };
  now?: () => number;
}

/**
 * An installer's end-to-end check of a counter: stores a `test` incident (hidden from leaders' lists and
 * reports) and texts only the requesting installer, with a working acknowledge link.
 */
export function createTestIncidentService(deps: TestIncidentDeps): TestIncidentService {
  const now = deps.now ?? Date.now;
  return {
    async raise({ counterId, requestedBy }) {
      const at = now();
      const incidentId = newId(at);
      const [counter] = await deps.sql.query<{ name: string; field: string; agent_id: string | null; centre: string }>(
        `SELECT c.name, c.field, c.agent_id, ce.name AS centre FROM counters c LEFT JOIN centres ce ON ce.id = c.centre_id
         WHERE c.id = ?`,
        [counterId],
      );
      await upsertIncident(
        deps.sql,
        {
          v: 1,
          id: newId(at),
          agentId: counter?.agent_id ?? "hub",
          counterId,
          ts: at,
          incidentId,
          visitId: `test-${incidentId}`,
          onset: at,
          peak: 1,
          peakAt: at,
          durationMs: 0,
          threshold: 0.5,
          test: true,
        },
        at,
      );
      if (!requestedBy.phone) return { incidentId, smsTo: null, smsStatus: "no_phone" };
      const token = deps.ackTokens.mint(incidentId, requestedBy.personId);
      const sms = formatIncidentSms(
        {
          kind: "test",
          place: {
            centreName: counter?.centre ?? "",
            counterLabel: counter?.name ?? counterId,
            fieldName: counter?.field ?? "",
          },
          at,
          durationMs: 0,
          ackUrl: `${deps.publicBaseUrl.replace(/\/$/, "")}/a/${token}`,
        },
        deps.sms,
      );
      const alertId = newId(at);
      await deps.sql.execute(
        `INSERT INTO alerts (id, kind, incident_id, counter_id, person_id, escalation_step, dedupe_key, created_at)
         VALUES (?, 'test', ?, ?, ?, 0, ?, ?)`,
        [alertId, incidentId, counterId, requestedBy.personId, `test:${incidentId}`, at],
      );
      await deps.outbox.enqueue({
        id: newId(at),
        alertId,
        dedupeKey: `test:${incidentId}:${requestedBy.personId}`,
        toPhone: requestedBy.phone,
        body: sms.body,
        encoding: sms.encoding,
        segments: sms.segments,
        createdAt: at,
        expiresAt: at + deps.sms.validityMinutes * 60_000,
      });
      deps.kick();
      return { incidentId, smsTo: maskPhone(requestedBy.phone), smsStatus: "pending" };
    },
  };
}
