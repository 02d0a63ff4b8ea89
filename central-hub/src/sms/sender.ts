/** What the outbox worker needs from an SMS provider. Implementations: twilio-sender.ts, log-sender.ts. */

export interface OutgoingSms {
  outboxId: string;
  to: string;
  body: string;
  /** Seconds the provider may keep trying before giving up (what is left of the validity period). */
  validitySeconds: number;
}

export type SendOutcome =
  /** The provider has the message. */
  | { kind: "accepted"; sid: string }
  /** No provider configured: the message was written to the log. */
  | { kind: "logged" }
  /**
   * Try again later. `uncertain`: the request may have reached the provider (timeout, 5xx, reset), so the
   * next attempt must first look for it instead of resending blindly.
   */
  | { kind: "retry"; uncertain: boolean; error: string }
  /** Permanent refusal (invalid number, unverified sender...): do not retry. */
  | { kind: "rejected"; error: string };

export interface SentLookup {
  to: string;
  body: string;
  /** Only messages the provider created at or after this time count. */
  since: number;
}

export type LookupOutcome = { kind: "found"; sid: string } | { kind: "absent" } | { kind: "error"; error: string };

export interface SmsSender {
  readonly name: "twilio" | "log";
  send(sms: OutgoingSms): Promise<SendOutcome>;
  /** Reconciliation after a crash or an uncertain attempt: does the provider already have this message? */
  findSent(query: SentLookup): Promise<LookupOutcome>;
}
