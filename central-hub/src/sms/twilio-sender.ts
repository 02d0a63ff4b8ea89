import twilio from "twilio";
import type { LookupOutcome, OutgoingSms, SendOutcome, SentLookup, SmsSender } from "./sender.js";

/**
 * The real twilio client sends. `baseUrl` points it at a Twilio-compatible endpoint (a test double, a
 * regional proxy): twilio-node builds every URL from https://<product>.twilio.com and offers no base-URL
 * option (edge/region only rewrite the host name), so a RequestClient subclass swaps the origin just before
 * the request leaves; auth, form encoding and response parsing stay twilio-node's own.
 */
export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** Sender number (E.164) or alphanumeric id; or use messagingServiceSid. */
  from?: string;
  messagingServiceSid?: string;
  /** e.g. http://127.0.0.1:4010; undefined = the real Twilio API. */
  baseUrl?: string;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Delivery receipts: POST target; `?outbox=<id>` is appended so a callback names its outbox row. */
  statusCallbackUrl?: string;
}

export function createTwilioSender(options: TwilioSenderOptions): SmsSender {
  const httpClient: RequestClient = options.baseUrl
    ? new RebasedRequestClient(options.baseUrl, options.timeoutMs)
    : new twilio.RequestClient({ timeout: options.timeoutMs, keepAlive: true });
  const client = twilio(options.accountSid, options.authToken, { httpClient, timeout: options.timeoutMs });
  const route = options.messagingServiceSid
    ? { messagingServiceSid: options.messagingServiceSid }
    : { from: options.from ?? "" };
  return {
    name: "twilio",
    async send(sms: OutgoingSms): Promise<SendOutcome> {
      try {
        const message = await client.messages.create({
          to: sms.to,
          body: sms.body,
          ...route,
          ...(options.statusCallbackUrl
            ? { statusCallback: withQuery(options.statusCallbackUrl, "outbox", sms.outboxId) }
            : {}),
          // Twilio's own queue must not deliver later than we would.
          validityPeriod: Math.max(1, Math.min(36_000, Math.floor(sms.validitySeconds))),
        });
        return { kind: "accepted", sid: message.sid };
      } catch (error) {
        return classifySendError(error);
      }
    },
    async findSent(query: SentLookup): Promise<LookupOutcome> {
      try {
        // Newest first; filtering on DateSent would miss messages still queued (date_sent is null then).
        const messages = await client.messages.list({ to: query.to, limit: 50, pageSize: 50 });
        const match = messages.find(
          (m) => m.body === query.body && (m.dateCreated === null || m.dateCreated.getTime() >= query.since),
        );
        return match ? { kind: "found", sid: match.sid } : { kind: "absent" };
      } catch (error) {
        return { kind: "error", error: describe(error) };
      }
    },
  };
}

/** 429 and 5xx / network trouble are retried; other 4xx (invalid number, bad sender) are final. */
export function classifySendError(error: unknown): SendOutcome {
  const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  if (typeof status === "number") {
    if (status === 429) return { kind: "retry", uncertain: false, error: describe(error) };
    if (status >= 500) return { kind: "retry", uncertain: true, error: describe(error) };
    return { kind: "rejected", error: describe(error) };
  }
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  // Refused / unresolvable: the request never reached anyone. Anything else (timeout, reset) may have.
  const certainlyUnsent = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
  return { kind: "retry", uncertain: !certainlyUnsent, error: describe(error) };
}

function describe(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const e = error as { status?: unknown; code?: unknown; message?: unknown };
  const parts = [e.status, e.code, e.message].filter((p) => p !== undefined && p !== null && p !== "");
  return parts.map(String).join(" ").slice(0, 500);
}

function withQuery(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

type RequestClient = InstanceType<typeof twilio.RequestClient>;
type RequestOptions = Parameters<RequestClient["request"]>[0];

class RebasedRequestClient extends twilio.RequestClient {
  readonly #origin: URL;
  constructor(baseUrl: string, timeoutMs: number) {
    super({ timeout: timeoutMs, keepAlive: true });
    this.#origin = new URL(baseUrl);
  }
  override request<TData>(opts: RequestOptions & { data?: TData }) {
    const target = new URL(opts.uri);
    if (target.hostname.endsWith(".twilio.com")) {
      target.protocol = this.#origin.protocol;
      target.host = this.#origin.host;
      const prefix = this.#origin.pathname.replace(/\/$/, "");
      target.pathname = `${prefix}${target.pathname}`;
    }
    return super.request<TData>({ ...opts, uri: target.toString() });
  }
}
