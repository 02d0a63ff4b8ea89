import type { Logger } from "@hailong/common";
import {
  AGENT_REQUEST_TIMEOUT_MS,
  createTopics,
  decode,
  encode,
  newId,
  PROTOCOL_VERSION,
  type RequestMessage,
  type ResponseMessage,
} from "@hailong/protocol";
import type { MqttClient } from "mqtt";
import type { AgentRequestBody, AgentRequester, AgentRequestOutcome } from "../http/ports.js";

export interface AgentRequesterDeps {
  /** The hub's request client; the requester subscribes to every agent's responses at each (re)connect. */
  client: MqttClient;
  baseTopic: string;
  log: Logger;
  /** Known-offline agents fail fast instead of waiting for the timeout. */
  isOnline?: (agentId: string) => Promise<boolean | undefined>;
  timeoutMs?: number;
  now?: () => number;
}

interface Pending {
  agentId: string;
  action: string;
  resolve: (outcome: AgentRequestOutcome) => void;
  timer: NodeJS.Timeout;
}

/** Hub side of the MQTT request/response pair: one txId per request, answered or timed out. */
export function createAgentRequester(deps: AgentRequesterDeps): AgentRequester & {
  start(): Promise<void>;
  stop(): Promise<void>;
} {
  const topics = createTopics(deps.baseTopic);
  const log = deps.log.child({ module: "agent-requester" });
  const now = deps.now ?? Date.now;
  const pending = new Map<string, Pending>();

  const onMessage = (topic: string, payload: Buffer): void => {
    const result = decodeResponse(topics, deps.baseTopic, topic, payload, log);
    if (result === undefined) return;
    const entry = pending.get(result.message.txId);
    if (!entry || entry.agentId !== result.agentId) return;
    pending.delete(result.message.txId);
    clearTimeout(entry.timer);
    entry.resolve({ ok: true, response: result.message });
  };

  const subscribe = (): Promise<void> =>
    deps.client.subscribeAsync(topics.filters.allResponses, { qos: 1 }).then(
      () => undefined,
      (error: unknown) => log.warn({ err: error }, "agent response subscription failed"),
    );
  const onConnect = (): void => void subscribe();

  return {
    async start() {
      deps.client.on("message", onMessage);
      deps.client.on("connect", onConnect);
      if (deps.client.connected) await subscribe();
    },
    async stop() {
      deps.client.off("message", onMessage);
      deps.client.off("connect", onConnect);
      for (const [txId, entry] of pending) {
        clearTimeout(entry.timer);
        entry.resolve({ ok: false, code: "agent_offline", message: "hub is stopping" });
        pending.delete(txId);
      }
    },
    async request(agentId, body: AgentRequestBody, timeoutMs = deps.timeoutMs ?? AGENT_REQUEST_TIMEOUT_MS) {
      if ((await deps.isOnline?.(agentId)) === false) {
        return { ok: false, code: "agent_offline", message: `agent ${agentId} is offline` };
      }
      const txId = newId(now());
      const message = { ...body, v: PROTOCOL_VERSION, txId, ts: now() } as RequestMessage;
      const outcome = awaitResponse(pending, log, { agentId, action: body.action, txId, timeoutMs });
      try {
        await deps.client.publishAsync(topics.request(agentId, body.action), Buffer.from(encode("request", message)), {
          qos: 1,
        });
      } catch (error) {
        const entry = pending.get(txId);
        if (entry) {
          clearTimeout(entry.timer);
          pending.delete(txId);
        }
        log.warn({ agentId, err: error }, "agent request publish failed");
        return { ok: false, code: "agent_offline", message: `broker refused the request: ${(error as Error).message}` };
      }
      log.info({ agentId, action: body.action, txId }, "agent request sent");
      return outcome;
    },
  };
}

/** The response an agent published, with the agent its topic names; undefined for anything else. */
function decodeResponse(
  topics: ReturnType<typeof createTopics>,
  baseTopic: string,
  topic: string,
  payload: Buffer,
  log: Logger,
): { agentId: string; message: ResponseMessage } | undefined {
  const parsed = topics.parse(topic);
  if (parsed?.kind !== "response") return undefined;
  const result = decode(topic, payload, { base: baseTopic });
  if (!result.ok || result.kind !== "response") {
    log.warn({ topic, reason: result.ok ? "not a response" : result.error.code }, "agent response rejected");
    return undefined;
  }
  return { agentId: parsed.agentId, message: result.message };
}

/** Registers the request as pending; it resolves with the agent's answer or, after `timeoutMs`, a timeout. */
function awaitResponse(
  pending: Map<string, Pending>,
  log: Logger,
  request: { agentId: string; action: string; txId: string; timeoutMs: number },
): Promise<AgentRequestOutcome> {
  const { agentId, action, txId, timeoutMs } = request;
  return new Promise<AgentRequestOutcome>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(txId);
      log.warn({ agentId, action, txId }, "agent request timed out");
      resolve({
        ok: false,
        code: "agent_timeout",
        message: `agent ${agentId} did not answer within ${timeoutMs} ms`,
      });
    }, timeoutMs);
    pending.set(txId, { agentId, action, resolve, timer });
  });
}
