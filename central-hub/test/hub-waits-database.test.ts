import { createServer, type Server, Socket } from "node:net";
import { join } from "node:path";
import { createSilentLogger } from "@hailong/common";
import { toolAvailable, until } from "@hailong/common/testing";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createHub } from "../src/app/create-hub.js";
import { HubConfigSchema } from "../src/config/schema.js";
import { withDefaultUser } from "../src/db/open-database.js";
import { PG_HINT } from "../src/db/testing.js";
import { freePort } from "./support/mosquitto.js";
import { securitySeed, tempDir } from "./support/security-fixtures.js";

const pgUrl = process.env.HAILONG_TEST_PG_URL ?? "";
const hasPg = toolAvailable("PostgreSQL", pgUrl !== "", PG_HINT);

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A TCP relay to the real PostgreSQL, opened on a port where nothing listened before: the server "comes up". */
async function relayTo(target: URL, port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = new Socket();
    sockets.add(inbound).add(outbound);
    outbound.connect(Number(target.port || 5432), target.hostname);
    inbound.pipe(outbound).pipe(inbound);
    const close = () => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on("error", close);
    outbound.on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describe.skipIf(!hasPg)("a hub started before its PostgreSQL", () => {
  it("answers not-ready on /readyz while the database is unreachable, then starts once it is up", async () => {
    const { dir, remove } = tempDir("hailong-hub-waits-db-");
    cleanups.push(remove);
    const schema = `waits_${Date.now().toString(36)}`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: withDefaultUser(pgUrl) });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    });
    const dbPort = await freePort();
    const viaRelay = new URL(pgUrl);
    viaRelay.host = `127.0.0.1:${dbPort}`;
    const config = HubConfigSchema.parse({
      db: { url: viaRelay.toString(), schema },
      mqtt: { clientId: "waiting-db-hub", embedded: { port: 0 }, journalDir: join(dir, "journal") },
      http: { port: 0, host: "127.0.0.1" },
    });
    const hub = createHub({ config, log: createSilentLogger(), env: {}, seed: await securitySeed() });
    const starting = hub.start();
    cleanups.push(() => hub.stop());

    const url = await until("the placeholder HTTP port", async () => hub.httpUrl || undefined);
    const waiting = await fetch(`${url}/readyz`);
    expect(waiting.status).toBe(503);
    expect(await waiting.json()).toMatchObject({ ready: false, db: false, waitingFor: "database" });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("Hệ thống đang chờ kết nối tới cơ sở dữ liệu");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const relay = await relayTo(new URL(pgUrl), dbPort);
    cleanups.push(() => relay.close());
    await starting;
    // Same address as while waiting (a configured port 0 is held, not re-drawn), now served by the real app.
    expect(hub.httpUrl).toBe(url);
    const ready = await until(
      "ready",
      async () => {
        const response = await fetch(`${url}/readyz`);
        return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
      },
      20_000,
    );
    expect(ready).toMatchObject({ ready: true, db: true, broker: true });
    const [tables] = await hub.db.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM counters");
    expect(Number(tables?.n)).toBeGreaterThan(0);

    // The database goes away again (restart, failover): the hub stays up and says so on /readyz.
    await relay.close();
    const lost = await until("not ready", async () => {
      const response = await fetch(`${url}/readyz`);
      return response.status === 503 ? ((await response.json()) as Record<string, unknown>) : undefined;
    });
    expect(lost).toMatchObject({ ready: false, db: false });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  }, 60_000);

  it("stops cleanly while still waiting for the database", async () => {
    const dbPort = await freePort();
    const viaRelay = new URL(pgUrl);
    viaRelay.host = `127.0.0.1:${dbPort}`;
    const config = HubConfigSchema.parse({
      db: { url: viaRelay.toString() },
      mqtt: { clientId: "stopped-waiting-hub", embedded: { port: 0 } },
      http: { port: 0, host: "127.0.0.1" },
    });
    const hub = createHub({ config, log: createSilentLogger(), env: {} });
    const starting = hub.start();
    const url = await until("the placeholder HTTP port", async () => hub.httpUrl || undefined);
    await hub.stop();
    await expect(starting).rejects.toThrow();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 30_000);
});
