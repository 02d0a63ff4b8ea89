import { join } from "node:path";
import { until } from "@hailong/common/testing";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, mosquittoTools, startTestMosquitto, writePasswordFile } from "./support/mosquitto.js";
import { AGENT_A, COUNTER_A, outcomes, securedHub, tempDir, visitFrom } from "./support/security-fixtures.js";

const tools = mosquittoTools();
if ("missing" in tools) console.warn(`SKIP hub-waits test: ${tools.missing} not found`);

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe.skipIf("missing" in tools)("a hub started before its broker", () => {
  const { mosquitto, passwd } = tools as { mosquitto: string; passwd: string };

  it("starts anyway, reports not-ready on /readyz, and connects and stores once Mosquitto is up", async () => {
    const { dir, remove } = tempDir("hailong-hub-waits-");
    cleanups.push(remove);
    const port = await freePort();
    const hub = await securedHub(dir, `mqtt://127.0.0.1:${port}`, "waiting-hub");
    await hub.start();
    cleanups.push(() => hub.stop());
    const readyz = async () => {
      const response = await fetch(`${hub.httpUrl}/readyz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const waiting = await readyz();
    expect(waiting.status).toBe(503);

    writePasswordFile(passwd, join(dir, "passwd"), { hub: "hub-pw", [AGENT_A]: "a-pw" });
    const broker = await startTestMosquitto({
      binary: mosquitto,
      dir,
      port,
      extra: ["allow_anonymous false", `password_file ${join(dir, "passwd")}`],
    });
    cleanups.push(() => broker.stop());
    // The hub retries after 2 s, 4 s, ... up to 10 s.
    await until("hub ready", async () => ((await readyz()).status === 200 ? true : undefined), 25_000);
    const agent = await mqtt.connectAsync(broker.url, { username: AGENT_A, password: "a-pw", reconnectPeriod: 0 });
    cleanups.push(() => agent.endAsync(true));
    const visit = visitFrom(AGENT_A, COUNTER_A);
    await agent.publishAsync(visit.topic, visit.payload, { qos: 1 });
    await until("the visit", async () => ((await outcomes(hub.db.sql)).visits === 1 ? true : undefined));
  }, 60_000);
});
