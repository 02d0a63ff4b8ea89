import type { Logger } from "@hailong/common";
import {
  AGENT_REQUEST_TIMEOUT_MS,
  createTopics,
  decode,
  encode,
  newId,
  PROTOCOL_VERSION,
  type RequestMessage,
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
    const parsed = topics.parse(topic);
    if (parsed?.kind !== "response") return;
    const result = decode(topic, payload, { base: deps.baseTopic });
    if (!result.ok || result.kind !== "response") {
      log.warn({ topic, reason: result.ok ? "not a response" : result.error.code }, "agent response rejected");
      return;
    }
    const entry = pending.get(result.message.txId);
    if (!entry || entry.agentId !== parsed.agentId) return;
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
      const outcome = new Promise<AgentRequestOutcome>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(txId);
          log.warn({ agentId, action: body.action, txId }, "agent request timed out");
          resolve({
            ok: false,
            code: "agent_timeout",
            message: `agent ${agentId} did not answer within ${timeoutMs} ms`,
          });
        }, timeoutMs);
        pending.set(txId, { agentId, action: body.action, resolve, timer });
      });
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
