import { DEMO_PASSWORD } from "@hailong/central-hub";
import { createSilentLogger } from "@hailong/common";
import { CSRF_HEADER } from "@hailong/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { type Demo, startDemo } from "../src/demo/run-demo.js";

const DEADLINE_MS = 120_000;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, deadline: number): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** An installer's calibration round trips to a real in-process agent, through the HTTP API and MQTT. */
async function calibrateThroughApi(base: string): Promise<void> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "installer", password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, "content-type": "application/json", [CSRF_HEADER]: csrfToken };
  let t = Date.now();
  const snapshot = await fetch(`${base}/api/agents/agent-bn-3/counters/bn-datdai-1/snapshot`, {
    method: "POST",
    headers,
    body: JSON.stringify({ showFaces: false }),
  });
  expect(snapshot.status).toBe(200);
  const shot = (await snapshot.json()) as { facesBlurred: boolean; jpegBase64: string; width: number };
  expect(shot.facesBlurred).toBe(true);
  expect(shot.jpegBase64.length).toBeGreaterThan(1000);
  const snapshotMs = Date.now() - t;
  t = Date.now();
  const tuning = {
    roi: [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ],
    minFaceSizePx: 40,
    dissatisfiedThreshold: 0.5,
    dwellMs: 1500,
  };
  const push = await fetch(`${base}/api/counters/bn-datdai-1/tuning`, {
    method: "PUT",
    headers,
    body: JSON.stringify(tuning),
  });
  expect(push.status).toBe(200);
  const pushed = (await push.json()) as { configVersion: number; agentId: string };
  expect(pushed).toMatchObject({ agentId: "agent-bn-3" });
  expect(pushed.configVersion).toBeGreaterThan(0);
  const pushMs = Date.now() - t;
  const stats = await fetch(`${base}/api/agents/agent-bn-3/stats`, { headers: { cookie } });
  expect(stats.status).toBe(200);
  const counters = ((await stats.json()) as { counters: Array<{ counterId: string; configVersion: number }> }).counters;
  expect(counters[0]).toMatchObject({ counterId: "bn-datdai-1", configVersion: pushed.configVersion });
  process.stderr.write(`demo smoke: snapshot round trip ${snapshotMs} ms, config push ${pushMs} ms\n`);
}

describe("hailong demo", () => {
  let demo: Demo | undefined;
  afterAll(async () => {
    await demo?.stop();
  });

  it(
    "stores visits, raises an incident from the angry counter and logs its SMS, then stops cleanly",
    async () => {
      const started = Date.now();
      demo = await startDemo({ log: createSilentLogger(), httpPort: 0, mqttPort: 0 });
      const deadline = started + DEADLINE_MS;
      const sql = demo.hub.db.sql;
      const health = await fetch(`${demo.hub.httpUrl}/healthz`);
      expect(health.status).toBe(200);
      const visits = await waitFor(
        "an ended visit",
        async () => {
          const [row] = await sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM visits WHERE status = 'ended'");
          return row && row.n > 0 ? row.n : undefined;
        },
        deadline,
      );
      const incident = await waitFor(
        "an incident",
        async () => (await sql.query<{ counter_id: string }>("SELECT counter_id FROM incidents WHERE test = 0"))[0],
        deadline,
      );
      const sms = await waitFor(
        "a logged SMS",
        async () =>
          (
            await sql.query<{ to_phone: string; body: string }>(
              "SELECT to_phone, body FROM sms_outbox WHERE status = 'logged'",
            )
          )[0],
        deadline,
      );
      expect(visits).toBeGreaterThan(0);
      expect(incident.counter_id).toBe("bn-datdai-1");
      expect(sms.body).toContain("/a/");
      const firstIncidentAfterS = (Date.now() - started) / 1000;
      process.stderr.write(`demo smoke: visit + incident + SMS within ${firstIncidentAfterS.toFixed(1)} s\n`);
      await calibrateThroughApi(demo.hub.httpUrl);
      const stopStarted = Date.now();
      await demo.stop();
      demo = undefined;
      process.stderr.write(`demo smoke: stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s\n`);
    },
    DEADLINE_MS + 30_000,
  );
});
