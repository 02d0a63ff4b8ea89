import { once } from "node:events";
import { type AddressInfo, createServer, type Server } from "node:net";
import type { Logger } from "@hailong/common";
import { Aedes } from "aedes";
import type { BrokerAuth } from "./broker-auth.js";

export interface EmbeddedBroker {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** mqtt://host:port of the listening broker (after start). */
  readonly url: string;
}

/**
 * The hub's built-in MQTT broker (aedes), for small sites that do not run Mosquitto. Persistence is aedes'
 * default in-memory store: retained messages and offline sessions survive hub-client reconnects but not a
 * restart of the hub process itself (agents keep their own outbox and republish). Sites that need broker
 * persistence across restarts run Mosquitto (deploy/mosquitto.conf) and set `mqtt.url`.
 */
export function createEmbeddedBroker(deps: {
  port: number;
  host: string;
  log: Logger;
  /** Who may log in and what they may do; every client must log in. */
  auth: BrokerAuth;
}): EmbeddedBroker {
  const log = deps.log.child({ module: "broker" });
  let broker: Aedes | undefined;
  let server: Server | undefined;
  let url = "";
  return {
    get url() {
      return url;
    },
    start: async () => {
      broker = await Aedes.createBroker({ ...deps.auth });
      server = createServer(broker.handle);
      server.listen(deps.port, deps.host);
      await once(server, "listening");
      const port = (server.address() as AddressInfo).port;
      url = `mqtt://${deps.host === "0.0.0.0" || deps.host === "::" ? "127.0.0.1" : deps.host}:${port}`;
      broker.on("clientError", (client, error) => log.debug({ clientId: client.id, err: error }, "mqtt client error"));
      log.info({ port, host: deps.host }, "embedded broker listening");
    },
    stop: async () => {
      const b = broker;
      const s = server;
      broker = undefined;
      server = undefined;
      if (b) await new Promise<void>((resolve) => b.close(() => resolve()));
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
