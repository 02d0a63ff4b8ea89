import type { Logger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import { type AlertIncident, type AlertStore, createAlertStore, type TokenOwner } from "../db/repos/alerts-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import { ACK_TOKEN_PATTERN } from "./ack-token.js";
import {
  decideIncidentAlert,
  type IncidentDecision,
  type IncidentRoute,
  type Recipient,
  type SuppressReason,
  uniqueRecipients,
} from "./alert-policy.js";
import { type AlertSettings, queueAlertSms } from "./alert-sms-queue.js";
import type { AlertsConfig } from "./config.js";
import { dedupeKeys } from "./dedupe-keys.js";
import type { AlertDirectory, CounterStatus, CounterStatusSource, TestRequests } from "./ports.js";

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
}

const HOUR_MS = 3_600_000;

/**
 * One `held-back` row per person who would have been texted but was not (the whole decision suppressed, or
 * that person at the hourly cap): the incident shows why, and the person's next SMS says how many.
 */
async function recordHeldBack(
  tx: SqlClient,
  m: AlertIncident,
  route: IncidentRoute | undefined,
  decision: IncidentDecision,
  at: number,
): Promise<void> {
  if (m.test || route === undefined) return;
  const people = decision.action === "record" ? uniqueRecipients(route.primary) : decision.capped;
  const reason = decision.action === "record" ? decision.reason : "hourly-cap";
  const store = createAlertStore(tx);
  for (const person of people) {
    await store.insert({
      id: newId(at),
      kind: "held-back",
      incidentId: m.incidentId,
      counterId: m.counterId,
      centreId: route.centreId,
      personId: person.personId,
      escalationStep: 0,
      dedupeKey: dedupeKeys.heldBack(m.incidentId, person.personId),
      suppressedReason: reason,
      ackToken: null,
      createdAt: at,
    });
  }
}

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
    const seen: IncidentSeen = { receivedAt, route, centreOpen, status, testRequester };
    const outcome = await deps.sql.transaction((tx) => recordIncidentAlert(deps, log, tx, m, seen));
    if (outcome.action === "notified") deps.onEnqueued();
    logOutcome(log, m, outcome);
    return outcome;
  }

  return {
    handleIncident,
    resolveToken: async (token) => (ACK_TOKEN_PATTERN.test(token) ? store.resolveToken(token) : undefined),
  };
}

/** What was known about the incident's counter when it arrived. */
interface IncidentSeen {
  receivedAt: number;
  route: IncidentRoute | undefined;
  centreOpen: boolean;
  status: CounterStatus;
  testRequester: Recipient | undefined;
}

/**
 * In one transaction: stores the incident, decides (first decision wins by its dedupe key), records who was held
 * back and queues the SMS.
 */
async function recordIncidentAlert(
  deps: AlertServiceDeps,
  log: Logger,
  tx: SqlClient,
  m: AlertIncident,
  seen: IncidentSeen,
): Promise<IncidentOutcome> {
  const { receivedAt, route } = seen;
  const txStore = createAlertStore(tx);
  await txStore.ensureIncident(m, receivedAt);
  const decision = await decide(deps, txStore, m, seen);
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
  await recordHeldBack(tx, m, route, decision, receivedAt);
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
}

/** The alert policy's decision, from what the transaction sees of earlier alerts. */
async function decide(
  deps: AlertServiceDeps,
  txStore: AlertStore,
  m: AlertIncident,
  seen: IncidentSeen,
): Promise<IncidentDecision> {
  const { receivedAt, route } = seen;
  const candidates = route?.primary.map((r) => r.personId) ?? [];
  return decideIncidentAlert(
    {
      test: m.test,
      raisedAt: m.ts,
      route,
      centreOpen: seen.centreOpen,
      agentOnline: seen.status.agentOnline,
      counterDegraded: seen.status.degraded,
      lastNotifiedIncidentAt: await txStore.lastNotifiedIncidentAt(m.counterId),
      sentLastHour: await txStore.sentSince(candidates, receivedAt - HOUR_MS),
      testRequester: seen.testRequester,
      now: receivedAt,
    },
    {
      cooldownMs: deps.config.cooldownMinutes * 60_000,
      hourlyCapPerRecipient: deps.config.hourlyCapPerRecipient,
      maxIncidentAgeMs: deps.settings.validityMs,
    },
  );
}

function logOutcome(log: Logger, m: AlertIncident, outcome: IncidentOutcome): void {
  if (outcome.action === "notified") {
    log.info(
      { incidentId: m.incidentId, counterId: m.counterId, recipients: outcome.recipients.length },
      "incident alert queued",
    );
  } else if (outcome.action === "recorded") {
    log.info({ incidentId: m.incidentId, counterId: m.counterId, reason: outcome.reason }, "incident recorded, no sms");
  }
}
