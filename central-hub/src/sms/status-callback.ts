import { newId } from "@hailong/protocol";
import twilio from "twilio";
import { z } from "zod";
import type { OutboxStore } from "../db/repos/sms-outbox-repo.js";

/**
 * Twilio delivery callbacks (`POST /sms/status`, form body). The HTTP layer mounts this: it passes the
 * parsed form, the `outbox` query parameter our statusCallback URL carries, and (when Twilio credentials
 * are configured) checks the X-Twilio-Signature with `isValidTwilioSignature` first.
 */
export const TwilioStatusCallbackSchema = z
  .object({
    MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
    MessageStatus: z.string().min(1).max(32),
    ErrorCode: z.string().max(16).optional(),
  })
  .passthrough();

export type StatusCallbackResult = { ok: true } | { ok: false; reason: "invalid-form" };

export interface StatusCallbackInput {
  form: Record<string, unknown>;
  /** The `outbox` query parameter of the callback URL, when present. */
  outboxId?: string | undefined;
  now: number;
}

export async function handleTwilioStatusCallback(
  store: OutboxStore,
  input: StatusCallbackInput,
): Promise<StatusCallbackResult> {
  const parsed = TwilioStatusCallbackSchema.safeParse(input.form);
  if (!parsed.success) return { ok: false, reason: "invalid-form" };
  const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
  const outboxId = input.outboxId && /^[A-Za-z0-9_-]{1,64}$/.test(input.outboxId) ? input.outboxId : null;
  await store.recordStatusEvent({
    id: newId(input.now),
    outboxId,
    providerSid: MessageSid,
    status: MessageStatus,
    errorCode: ErrorCode && ErrorCode !== "" ? ErrorCode : null,
    payload: JSON.stringify(input.form),
    receivedAt: input.now,
  });
  return { ok: true };
}

/** `url` is the full public URL Twilio called, including the query string. */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  form: Record<string, unknown>,
): boolean {
  if (signature === undefined || signature === "") return false;
  return twilio.validateRequest(authToken, signature, url, form);
}
