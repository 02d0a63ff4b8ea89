import type { MqttClient } from "mqtt";
import { createAgentTraffic } from "./traffic.js";

/** Publishes at `rate` msg/s per client in 10 ms ticks (QoS 1); returns how many messages were acked. */
export async function publishFor(
  clients: MqttClient[],
  firstAgent: number,
  rate: number,
  durationS: number,
): Promise<number> {
  const traffic = clients.map((_, a) => createAgentTraffic(`bench-agent-${firstAgent + a}`));
  const perTick = (rate * 10) / 1000;
  const owed = clients.map(() => 0);
  const inflight: Array<Promise<unknown>> = [];
  let published = 0;
  const end = Date.now() + durationS * 1000;
  let next = Date.now();
  while (Date.now() < end) {
    for (const [a, client] of clients.entries()) {
      // One socket write per agent and tick instead of one per message, as a real agent's outbox flush.
      client.stream.cork();
      let due = (owed[a] ?? 0) + perTick;
      while (due >= 1) {
        due -= 1;
        const m = traffic[a]?.next(Date.now());
        if (!m) continue;
        inflight.push(client.publishAsync(m.topic, m.payload, { qos: 1 }));
        published++;
      }
      owed[a] = due;
      client.stream.uncork();
    }
    if (inflight.length > 5_000) await Promise.all(inflight.splice(0));
    next += 10;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(inflight);
  return published;
}
