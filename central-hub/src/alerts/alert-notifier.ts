import type { Logger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import type { SqlClient } from "../db/sql-client.js";
import type { FormattedSms, SmsFormatOptions } from "../sms/message-format.js";
import { createOutboxStore } from "../sms/outbox-store.js";
import type { Recipient } from "./alert-policy.js";
import { type AlertKind, createAlertStore } from "./alert-store.js";

/** Settings every alert path shares (built once by the composition root). */
export interface AlertSettings {
  format: SmsFormatOptions;
  publicBaseUrl: string;
  validityMs: number;
}

export interface AlertSmsInput {
  kind: Exclude<AlertKind, "incident-recorded">;
  incidentId: string | null;
  counterId: string;
  centreId: string | null;
  recipient: Recipient;
  step: number;
  dedupeKey: string;
  ackToken: string | null;
  sms: FormattedSms;
  at: number;
}

/**
 * Records one alert and its SMS in the same transaction (`tx`), so an alert never exists without its
 * outbox row or vice versa; both carry the dedupe key, so a second attempt inserts neither.
 */
export async function recordAlertSms(tx: SqlClient, input: AlertSmsInput, settings: AlertSettings, log: Logger) {
  const alertId = newId(input.at);
  const inserted = await createAlertStore(tx).insert({
    id: alertId,
    kind: input.kind,
    incidentId: input.incidentId,
    counterId: input.counterId,
    centreId: input.centreId,
    personId: input.recipient.personId,
    escalationStep: input.step,
    dedupeKey: input.dedupeKey,
    suppressedReason: null,
    ackToken: input.ackToken,
    createdAt: input.at,
  });
  if (!inserted) return false;
  if (!input.sms.fits) {
    log.warn({ dedupeKey: input.dedupeKey, segments: input.sms.segments }, "sms longer than the segment budget");
  }
  await createOutboxStore(tx).enqueue({
    id: newId(input.at),
    alertId,
    dedupeKey: input.dedupeKey,
    toPhone: input.recipient.phone,
    body: input.sms.body,
    encoding: input.sms.encoding,
    segments: input.sms.segments,
    createdAt: input.at,
    expiresAt: input.at + settings.validityMs,
  });
  return true;
}
