import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { OutboxStore } from "../db/repos/sms-outbox-repo.js";
import type { IngestMetrics } from "../ingest/metrics.js";
import type { AgentRegistry } from "../registry/agent-registry.js";

export interface HubMetricsSources {
  ingest?: IngestMetrics;
  outbox?: OutboxStore;
  registry?: AgentRegistry;
  /** Defaults to false in tests: process metrics are noise there. */
  processMetrics?: boolean;
}

/**
 * One prom-client registry per hub (no global default registry): values are read from the parts at
 * scrape time, so the parts stay free of prom-client.
 */
export function createHubMetrics(sources: HubMetricsSources): Registry {
  const registry = new Registry();
  if (sources.processMetrics) collectDefaultMetrics({ register: registry, prefix: "hailong_hub_" });
  const { ingest, outbox, registry: agents } = sources;
  if (ingest) {
    new Gauge({
      name: "hailong_ingest_messages",
      help: "MQTT messages handled by the ingest since start, by outcome",
      labelNames: ["outcome"],
      registers: [registry],
      collect() {
        this.set({ outcome: "received" }, ingest.received);
        this.set({ outcome: "stored" }, ingest.stored);
        this.set({ outcome: "duplicate" }, ingest.duplicates);
        this.set({ outcome: "pending" }, ingest.pending);
      },
    });
    new Gauge({
      name: "hailong_ingest_dead_letters",
      help: "messages quarantined since start, by reason",
      labelNames: ["reason"],
      registers: [registry],
      collect() {
        for (const [reason, count] of Object.entries(ingest.deadLettered)) this.set({ reason }, count);
      },
    });
    new Gauge({
      name: "hailong_ingest_dead_letters_over_cap",
      help: "quarantined messages beyond the hourly cap per reason: counted, not stored",
      labelNames: ["reason"],
      registers: [registry],
      collect() {
        for (const [reason, count] of Object.entries(ingest.deadLettersOverCap)) this.set({ reason }, count);
      },
    });
    new Gauge({
      name: "hailong_ingest_batches",
      help: "storage batches since start (and failed attempts)",
      labelNames: ["result"],
      registers: [registry],
      collect() {
        this.set({ result: "committed" }, ingest.batches);
        this.set({ result: "failed" }, ingest.batchFailures);
      },
    });
  }
  if (outbox) {
    new Gauge({
      name: "hailong_sms_outbox",
      help: "SMS outbox rows by state",
      labelNames: ["state"],
      registers: [registry],
      async collect() {
        for (const [state, count] of Object.entries(await outbox.counts())) this.set({ state }, count);
      },
    });
  }
  if (agents) {
    new Gauge({
      name: "hailong_agents",
      help: "edge agents known to the registry, by presence",
      labelNames: ["state"],
      registers: [registry],
      async collect() {
        const list = await agents.list();
        const online = list.filter((a) => a.online).length;
        this.set({ state: "online" }, online);
        this.set({ state: "offline" }, list.length - online);
      },
    });
  }
  return registry;
}
