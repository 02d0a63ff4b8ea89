import { randomBytes } from "node:crypto";
import { type Logger, type MqttLink, mqttLink } from "@hailong/common";
import { createBrokerAuth } from "../broker/broker-auth.js";
import { createEmbeddedBroker, type EmbeddedBroker } from "../broker/embedded.js";
import type { MqttConfig } from "../config/schema.js";
import type { CounterAssignments } from "../directory/counter-assignments.js";
import type { AgentCredentials } from "../registry/agent-credentials.js";

export interface HubMqtt {
  /** Starts the embedded broker when no external one is configured. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The broker every hub client connects to, as whom (after start). */
  readonly link: MqttLink;
}

/**
 * The hub's MQTT link: the external broker of `mqtt.url`, or the embedded one, which admits the hub (with
 * HAILONG_MQTT_PASSWORD, or a secret made up for this run) and agents with their issued credentials.
 */
export function createHubMqtt(deps: {
  config: MqttConfig;
  env: NodeJS.ProcessEnv;
  log: Logger;
  credentials: AgentCredentials;
  assignments: CounterAssignments;
}): HubMqtt {
  const { config } = deps;
  const configured = { username: config.username, ...(config.tls ? { tls: config.tls } : {}) };
  let link = mqttLink({ url: config.url ?? "", ...configured }, deps.env);
  let broker: EmbeddedBroker | undefined;
  return {
    get link() {
      return link;
    },
    async start() {
      if (config.url) return;
      const hub = { username: link.username ?? config.username, password: link.password ?? randomSecret() };
      broker = createEmbeddedBroker({
        port: config.embedded.port,
        host: config.embedded.host,
        log: deps.log,
        auth: createBrokerAuth({
          hub,
          verifyAgent: (agentId, password) => deps.credentials.verify(agentId, password),
          assignments: () => deps.assignments.current(),
          acl: config.embedded.acl,
          baseTopic: config.baseTopic,
          log: deps.log,
        }),
      });
      await broker.start();
      link = { ...mqttLink({ url: broker.url, ...configured }, {}), ...hub };
    },
    async stop() {
      await broker?.stop();
      broker = undefined;
    },
  };
}

function randomSecret(): string {
  return randomBytes(24).toString("base64url");
}
