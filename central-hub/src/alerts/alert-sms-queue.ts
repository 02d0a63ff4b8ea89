import type { Logger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import { createAlertStore } from "../db/repos/alerts-repo.js";
import { createOutboxStore } from "../db/repos/sms-outbox-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import {
  type AlertPlace,
  type FormattedSms,
  formatIncidentSms,
  formatOfflineSms,
  formatRecoveredSms,
  type IncidentSmsKind,
  type SmsFormatOptions,
} from "../sms/message-format.js";
import { ackUrl, newAckToken } from "./ack-token.js";
import type { Recipient } from "./alert-policy.js";

/** Settings every alert path shares (built once by the composition root). */
export interface AlertSettings {
  format: SmsFormatOptions;
  publicBaseUrl: string;
  validityMs: number;
}

/** What one SMS says: an incident text carries an acknowledgement link, an outage notice does not. */
export type AlertSmsContent =
  | { kind: IncidentSmsKind; incidentId: string; place: AlertPlace; onset: number; durationMs: number }
  | { kind: "offline"; place: AlertPlace; since: number }
  | { kind: "recovered"; place: AlertPlace; since: number; at: number };

export interface AlertSmsInput {
  content: AlertSmsContent;
  counterId: string;
  centreId: string | null;
  recipient: Recipient;
  /** 0 for a first notification, k for escalation step k. */
  step: number;
  /** From `dedupeKeys`. */
  dedupeKey: string;
  at: number;
}

/**
 * Mints the acknowledgement token (incident texts), counts what was held back from this recipient at this
 * counter since their last SMS (said in the text: suppression is never silent), formats the SMS and records the alert and its outbox row
 * in the caller's transaction `tx`, so an alert never exists without its outbox row or vice versa. Both carry
 * the dedupe key: a second attempt inserts neither and resolves false.
 */
export async function queueAlertSms(
  tx: SqlClient,
  input: AlertSmsInput,
  settings: AlertSettings,
  log: Logger,
): Promise<boolean> {
  const { content } = input;
  const store = createAlertStore(tx);
  const token = "incidentId" in content ? newAckToken() : null;
  const heldBack =
    content.kind === "incident" || content.kind === "escalation"
      ? await store.heldBackCount(input.recipient.personId, input.counterId, input.at)
      : 0;
  const link = token === null ? "" : ackUrl(settings.publicBaseUrl, token);
  const sms = formatContent(content, link, heldBack, settings.format);
  const alertId = newId(input.at);
  const inserted = await store.insert({
    id: alertId,
    kind: content.kind,
    incidentId: "incidentId" in content ? content.incidentId : null,
    counterId: input.counterId,
    centreId: input.centreId,
    personId: input.recipient.personId,
    escalationStep: input.step,
    dedupeKey: input.dedupeKey,
    suppressedReason: null,
    ackToken: token,
    createdAt: input.at,
  });
  if (!inserted) return false;
  if (!sms.fits) log.warn({ dedupeKey: input.dedupeKey, segments: sms.segments }, "sms longer than the segment budget");
  await createOutboxStore(tx).enqueue({
    id: newId(input.at),
    alertId,
    dedupeKey: input.dedupeKey,
    toPhone: input.recipient.phone,
    body: sms.body,
    encoding: sms.encoding,
    segments: sms.segments,
    createdAt: input.at,
    expiresAt: input.at + settings.validityMs,
  });
  return true;
}

function formatContent(
  content: AlertSmsContent,
  link: string,
  heldBack: number,
  format: SmsFormatOptions,
): FormattedSms {
  switch (content.kind) {
    case "offline":
      return formatOfflineSms(content.place, content.since, format);
    case "recovered":
      return formatRecoveredSms(content.place, content.at, content.at - content.since, format);
    default:
      return formatIncidentSms(
        {
          kind: content.kind,
          place: content.place,
          at: content.onset,
          durationMs: content.durationMs,
          ackUrl: link,
          heldBack,
        },
        format,
      );
  }
}
