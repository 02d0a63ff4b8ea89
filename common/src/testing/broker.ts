import { once } from "node:events";
import { type AddressInfo, createServer, type Server } from "node:net";
import { Aedes } from "aedes";
import { toolAvailable } from "./system-tools.js";

/** A real MQTT broker for a test: an embedded aedes on a free port, or an external one (Mosquitto in CI). */
export interface TestBroker {
  readonly kind: "aedes" | "external";
  readonly url: string;
  /** Stops the broker (a no-op for external brokers, which the test does not own). */
  stop(): Promise<void>;
}

export async function startAedesBroker(port = 0): Promise<TestBroker & { server: Server; restart(): Promise<void> }> {
  let broker = await Aedes.createBroker();
  let server = createServer(broker.handle);
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  const boundPort = (server.address() as AddressInfo).port;
  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    kind: "aedes",
    url: `mqtt://127.0.0.1:${boundPort}`,
    get server() {
      return server;
    },
    stop: close,
    /** Stops and starts the broker on the same port, dropping every connection: a broker outage. */
    async restart() {
      await close();
      broker = await Aedes.createBroker();
      server = createServer(broker.handle);
      server.listen(boundPort, "127.0.0.1");
      await once(server, "listening");
    },
  };
}

export function externalBroker(url: string): TestBroker {
  return {
    kind: "external",
    url,
    stop: async () => {
      // The test does not own an external broker: nothing to stop.
    },
  };
}

/**
 * The brokers an integration test should run against: always an embedded aedes, plus the broker at
 * HAILONG_TEST_MQTT_URL when set (.ci/run points it at the local Mosquitto).
 */
export function brokerKinds(
  env: NodeJS.ProcessEnv = process.env,
): Array<{ name: string; start: () => Promise<TestBroker> }> {
  const kinds: Array<{ name: string; start: () => Promise<TestBroker> }> = [
    { name: "aedes", start: () => startAedesBroker() },
  ];
  const url = env.HAILONG_TEST_MQTT_URL;
  const hint = "set HAILONG_TEST_MQTT_URL=mqtt://127.0.0.1:1883";
  if (toolAvailable("Mosquitto", Boolean(url), hint, env)) {
    kinds.push({ name: `external ${url}`, start: async () => externalBroker(url as string) });
  }
  return kinds;
}
