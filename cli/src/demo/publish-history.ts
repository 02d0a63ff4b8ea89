import { connectMqtt } from "@hailong/common";
import { createTopics, encode } from "@hailong/protocol";
import type { HistoryMessage } from "./demo-history.js";

/**
 * Publishes invented history as each counter's agent would (its own MQTT login, QoS 1, in order), so it goes
 * through the hub's real ingest: ACL, decoding, dedupe, visit and incident stores and rollups.
 */
export async function publishHistory(options: {
  mqttUrl: string;
  messages: readonly HistoryMessage[];
  /** The agent's MQTT password (issued by the hub). */
  passwordOf: (agentId: string) => Promise<string>;
}): Promise<number> {
  const topics = createTopics();
  const byAgent = new Map<string, HistoryMessage[]>();
  for (const m of options.messages) {
    const list = byAgent.get(m.message.agentId) ?? [];
    list.push(m);
    byAgent.set(m.message.agentId, list);
  }
  let published = 0;
  for (const [agentId, messages] of byAgent) {
    const password = await options.passwordOf(agentId);
    const client = connectMqtt(
      { url: options.mqttUrl, displayUrl: options.mqttUrl, username: agentId, password },
      { clientId: `${agentId}-history`, clean: true, reconnectMs: 0 },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        client.once("connect", () => resolve());
        client.once("error", reject);
      });
      // A bounded number in flight keeps the broker's and the hub's queues small.
      const WINDOW = 200;
      for (let i = 0; i < messages.length; i += WINDOW) {
        await Promise.all(
          messages.slice(i, i + WINDOW).map((m) =>
            client.publishAsync(topics.counter(m.message.counterId, m.kind), Buffer.from(encode(m.kind, m.message)), {
              qos: 1,
            }),
          ),
        );
      }
      published += messages.length;
    } finally {
      await client.endAsync();
    }
  }
  return published;
}
