import type { Logger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import type { SqlClient } from "../db/sql-client.js";
import { ACK_TOKEN_PATTERN } from "./ack-token.js";
import { decideIncidentAlert, type Recipient, type SuppressReason } from "./alert-policy.js";
import { type AlertSettings, queueAlertSms } from "./alert-sms-queue.js";
import { type AlertIncident, createAlertStore, type TokenOwner } from "./alert-store.js";
import type { AlertsConfig } from "./config.js";
import { dedupeKeys } from "./dedupe-keys.js";
import type { AlertDirectory, CounterStatusSource, TestRequests } from "./ports.js";

export interface AlertServiceDeps {
  sql: SqlClient;
  directory: AlertDirectory;
  status: CounterStatusSource;
  testRequests: TestRequests;
  config: AlertsConfig;
  settings: AlertSettings;
  /** Called after SMS rows were committed: the outbox worker's kick(). */
  onEnqueued: () => void;
  log: Logger;
  now?: () => number;
}

export type IncidentOutcome =
  | { action: "duplicate" }
  | { action: "notified"; recipients: Recipient[]; capped: Recipient[] }
  | { action: "recorded"; reason: SuppressReason };

export interface AlertService {
  /** Decides and records the alert for an incident message; SMS rows are committed before this resolves. */
  handleIncident(incident: AlertIncident, options?: { testRequester?: Recipient }): Promise<IncidentOutcome>;
  /** The incident and person an acknowledgement link was minted for. */
  resolveToken(token: string): Promise<TokenOwner | undefined>;
  /** Acknowledges through an SMS link; stops escalation. Undefined for an unknown token. */
  acknowledgeByToken(token: string): Promise<{ owner: TokenOwner; changed: boolean } | undefined>;
  /** Acknowledges by a person (dashboard); stops escalation. */
  acknowledge(incidentId: string, personId: string): Promise<boolean>;
}

const HOUR_MS = 3_600_000;

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const log = deps.log.child({ module: "alerts" });
  const now = deps.now ?? Date.now;
  const store = createAlertStore(deps.sql);

  async function handleIncident(m: AlertIncident, options: { testRequester?: Recipient } = {}) {
    const receivedAt = now();
    const route = await deps.directory.route(m.counterId);
    const [centreOpen, status] = await Promise.all([
      route ? deps.directory.isOpen(route.centreId, receivedAt) : Promise.resolve(false),
      deps.status.status(m.counterId, receivedAt),
    ]);
    const testRequester = m.test
      ? (options.testRequester ?? deps.testRequests.take(m.counterId, receivedAt))
      : undefined;
    const outcome = await deps.sql.transaction(async (tx): Promise<IncidentOutcome> => {
      const txStore = createAlertStore(tx);
      await txStore.ensureIncident(m, receivedAt);
      const candidates = route?.primary.map((r) => r.personId) ?? [];
      const decision = decideIncidentAlert(
        {
          test: m.test,
          raisedAt: m.ts,
          route,
          centreOpen,
          agentOnline: status.agentOnline,
          counterDegraded: status.degraded,
          lastNotifiedIncidentAt: await txStore.lastNotifiedIncidentAt(m.counterId),
          sentLastHour: await txStore.sentSince(candidates, receivedAt - HOUR_MS),
          testRequester,
          now: receivedAt,
        },
        {
          cooldownMs: deps.config.cooldownMinutes * 60_000,
          hourlyCapPerRecipient: deps.config.hourlyCapPerRecipient,
          maxIncidentAgeMs: deps.settings.validityMs,
        },
      );
      const first = await txStore.insert({
        id: newId(receivedAt),
        kind: "incident-recorded",
        incidentId: m.incidentId,
        counterId: m.counterId,
        centreId: route?.centreId ?? null,
        personId: null,
        escalationStep: 0,
        dedupeKey: dedupeKeys.incidentDecision(m.incidentId),
        suppressedReason: decision.action === "record" ? decision.reason : null,
        ackToken: null,
        createdAt: receivedAt,
      });
      if (!first) return { action: "duplicate" };
      if (decision.action === "record") return { action: "recorded", reason: decision.reason };
      const place = route ?? { centreName: m.counterId, counterLabel: m.counterId, fieldName: "" };
      const content = {
        kind: m.test ? ("test" as const) : ("incident" as const),
        incidentId: m.incidentId,
        place,
        onset: m.onset,
        durationMs: m.durationMs,
      };
      for (const recipient of decision.recipients) {
        const dedupeKey = dedupeKeys.incidentSms(m.incidentId, recipient.personId);
        const input = { content, counterId: m.counterId, centreId: route?.centreId ?? null, recipient, step: 0 };
        await queueAlertSms(tx, { ...input, dedupeKey, at: receivedAt }, deps.settings, log);
      }
      return { action: "notified", recipients: decision.recipients, capped: decision.capped };
    });
    if (outcome.action === "notified") {
      deps.onEnqueued();
      log.info(
        { incidentId: m.incidentId, counterId: m.counterId, recipients: outcome.recipients.length },
        "incident alert queued",
      );
    } else if (outcome.action === "recorded") {
      log.info(
        { incidentId: m.incidentId, counterId: m.counterId, reason: outcome.reason },
        "incident recorded, no sms",
      );
    }
    return outcome;
  }

  async function resolveToken(token: string) {
    return ACK_TOKEN_PATTERN.test(token) ? store.resolveToken(token) : undefined;
  }

  return {
    handleIncident,
    resolveToken,
    async acknowledgeByToken(token) {
      const owner = await resolveToken(token);
      if (owner === undefined) return undefined;
      const changed = await store.acknowledge(owner.incidentId, owner.personId, now());
      log.info({ incidentId: owner.incidentId, personId: owner.personId, changed }, "incident acknowledged by link");
      return { owner, changed };
    },
    async acknowledge(incidentId, personId) {
      return store.acknowledge(incidentId, personId, now());
    },
  };
}
