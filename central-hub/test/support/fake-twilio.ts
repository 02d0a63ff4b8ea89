import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A Twilio-compatible Messages API on a local port, for tests and benchmarks: the real twilio client talks
 * to it through `baseUrl`. It checks Basic auth and the form fields, stores messages (listable for
 * reconciliation) and can be told to answer 429/500/400 or to hang for the next requests.
 */
export type FakeBehaviour =
  | { kind: "status"; status: 429 | 500 | 503 | 400 }
  /** Never answers (until the server closes): the client times out. */
  | { kind: "hang" }
  /** Stores the message, then never answers: the provider has it, the client does not know. */
  | { kind: "accept-then-hang" };

export interface FakeTwilioRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  query: Record<string, string>;
  authorized: boolean;
  /** performance.now() when the request arrived. */
  receivedAt: number;
  answered: number | "hung";
}

export interface FakeMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  dateCreated: number;
}

export interface FakeTwilio {
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly requests: FakeTwilioRequest[];
  readonly messages: FakeMessage[];
  /** Behaviours for the next POSTs to Messages.json, in order; afterwards requests succeed. */
  failNext(...behaviours: FakeBehaviour[]): void;
  /** POSTs (send attempts) seen so far. */
  sendAttempts(): FakeTwilioRequest[];
  /** Resolves when `count` messages have been stored. */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** Numbers answered with Twilio's 21211 "invalid To" 400. */
  invalidNumbers?: string[];
  now?: () => number;
}

const API = "/2010-04-01/Accounts/";

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString("hex")}`;
  const authToken = options.authToken ?? randomBytes(16).toString("hex");
  const now = options.now ?? Date.now;
  const invalid = new Set(options.invalidNumbers ?? []);
  const requests: FakeTwilioRequest[] = [];
  const messages: FakeMessage[] = [];
  const behaviours: FakeBehaviour[] = [];
  const sockets = new Set<Socket>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

  const notify = () => {
    for (const w of [...waiters]) {
      if (messages.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    const record: FakeTwilioRequest = {
      method: req.method ?? "",
      path: url.pathname,
      form,
      query: Object.fromEntries(url.searchParams),
      authorized: req.headers.authorization === expectedAuth,
      receivedAt,
      answered: "hung",
    };
    requests.push(record);
    const reply = (status: number, body: unknown) => {
      record.answered = status;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const match = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/);
    if (match === null) return reply(404, twilioError(20404, "The requested resource was not found", 404));
    if (!record.authorized || match[1] !== accountSid) return reply(401, twilioError(20003, "Authenticate", 401));
    if (req.method === "GET") return reply(200, listPage(url));
    if (req.method !== "POST") return reply(405, twilioError(20004, "Method not allowed", 405));

    const behaviour = behaviours.shift();
    if (behaviour?.kind === "hang") return;
    if (behaviour?.kind === "status") {
      const text = behaviour.status === 429 ? "Too Many Requests" : behaviour.status === 400 ? "Bad request" : "Error";
      return reply(behaviour.status, twilioError(behaviour.status === 429 ? 20429 : 20500, text, behaviour.status));
    }
    const to = form.To;
    const body = form.Body;
    if (!to || !body || (!form.From && !form.MessagingServiceSid)) {
      return reply(400, twilioError(21604, "A 'To', 'Body' and 'From' or 'MessagingServiceSid' are required", 400));
    }
    if (invalid.has(to))
      return reply(400, twilioError(21211, `The 'To' number ${to} is not a valid phone number.`, 400));
    const message: FakeMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      to,
      from: form.From ?? null,
      messagingServiceSid: form.MessagingServiceSid ?? null,
      body,
      statusCallback: form.StatusCallback ?? null,
      dateCreated: now(),
    };
    messages.push(message);
    notify();
    if (behaviour?.kind === "accept-then-hang") return;
    reply(201, toResource(message));
  }

  function listPage(url: URL) {
    const to = url.searchParams.get("To");
    const pageSize = Number(url.searchParams.get("PageSize") ?? 50);
    const selected = messages
      .filter((m) => to === null || m.to === to)
      .sort((a, b) => b.dateCreated - a.dateCreated)
      .slice(0, pageSize);
    return {
      messages: selected.map(toResource),
      end: Math.max(0, selected.length - 1),
      first_page_uri: `${API}${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri: `${API}${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`,
    };
  }

  function toResource(m: FakeMessage) {
    return {
      sid: m.sid,
      account_sid: accountSid,
      to: m.to,
      from: m.from,
      messaging_service_sid: m.messagingServiceSid,
      body: m.body,
      status: "queued",
      num_segments: "1",
      direction: "outbound-api",
      date_created: new Date(m.dateCreated).toUTCString(),
      date_updated: new Date(m.dateCreated).toUTCString(),
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      api_version: "2010-04-01",
      uri: `${API}${accountSid}/Messages/${m.sid}.json`,
    };
  }

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    messages,
    failNext: (...list) => behaviours.push(...list),
    sendAttempts: () => requests.filter((r) => r.method === "POST"),
    waitForMessages(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake twilio: ${messages.length}/${count} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async close() {
      if (!server.listening) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function twilioError(code: number, message: string, status: number) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}
