import { Writable } from "node:stream";
import { DEMO_PASSWORD } from "@hailong/central-hub";
import { createLogger } from "@hailong/common";
import { until } from "@hailong/common/testing";
import { CSRF_HEADER, FULL_FRAME_ROI } from "@hailong/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { type Demo, demoBanner, startDemo } from "../src/demo/run-demo.js";

const DEADLINE_MS = 120_000;
const DEMO_COUNTERS = [
  ["agent-bn-1", "bn-hotich-1"],
  ["agent-bn-2", "bn-hotich-2"],
  ["agent-bn-3", "bn-datdai-1"],
] as const;

/** Every wait of the demo shares one deadline; the demo is polled once a second. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, deadline: number) =>
  until(what, probe, deadline - Date.now(), 1_000);

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
  // Every demo camera has a citizen in its snapshot: the agent waits for one while the chair is empty.
  for (const [agentId, counterId] of DEMO_COUNTERS) {
    const snapshot = await fetch(`${base}/api/agents/${agentId}/counters/${counterId}/snapshot`, {
      method: "POST",
      headers,
      body: JSON.stringify({ showFaces: false }),
    });
    expect(snapshot.status).toBe(200);
    const shot = (await snapshot.json()) as {
      facesBlurred: boolean;
      jpegBase64: string;
      faces: Array<{ inRoi: boolean }>;
    };
    expect(shot.facesBlurred).toBe(true);
    expect(shot.jpegBase64.length).toBeGreaterThan(1000);
    expect(
      shot.faces.filter((f) => f.inRoi),
      `${counterId}: a seated citizen in the snapshot`,
    ).toHaveLength(1);
  }
  const snapshotMs = Date.now() - t;
  t = Date.now();
  const tuning = {
    roi: FULL_FRAME_ROI,
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
  process.stderr.write(`demo smoke: three snapshots ${snapshotMs} ms, config push ${pushMs} ms\n`);
}

/** Every line the demo logs, at debug level, kept in memory for the secrets scan. */
function capturedLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ name: "demo", level: "debug", destination }), text: () => lines.join("") };
}

describe("hailong demo", () => {
  let demo: Demo | undefined;
  afterAll(async () => {
    await demo?.stop();
  });

  it(
    "stores visits, raises an incident from the angry counter and logs its SMS, then stops cleanly, logging no secret",
    async () => {
      const started = Date.now();
      const captured = capturedLog();
      const hubSecret = "hub-secret-Xq7wP2vL9sK4mN8r";
      demo = await startDemo({
        log: captured.log,
        httpPort: 0,
        mqttPort: 0,
        env: { HAILONG_MQTT_PASSWORD: hubSecret },
      });
      const secrets = [hubSecret, ...demo.agentSecrets];
      const banner = demoBanner(demo.hub.httpUrl);
      const deadline = started + DEADLINE_MS;
      const sql = demo.hub.db.sql;
      const health = await fetch(`${demo.hub.httpUrl}/healthz`);
      expect(health.status).toBe(200);
      const visits = await waitFor(
        "an ended visit",
        async () => {
          // Live visits only: the demo first publishes 90 days of invented history.
          const [row] = await sql.query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM visits WHERE status = 'ended' AND started_at >= ?",
            [started],
          );
          return row && row.n > 0 ? row.n : undefined;
        },
        deadline,
      );
      const incident = await waitFor(
        "an incident",
        async () =>
          (
            await sql.query<{ counter_id: string }>("SELECT counter_id FROM incidents WHERE test = 0 AND onset >= ?", [
              started,
            ])
          )[0],
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
      // The history went through the real ingest: about 90 days of visits are stored and rolled up.
      const [history] = await sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM visits WHERE started_at < ?", [
        started - 86_400_000,
      ]);
      expect(Number(history?.n)).toBeGreaterThan(90 * 30);
      const [daily] = await sql.query<{ n: number }>("SELECT COUNT(DISTINCT bucket_start) AS n FROM rollup_daily");
      expect(Number(daily?.n)).toBeGreaterThan(60);
      expect(incident.counter_id).toBe("bn-datdai-1");
      expect(sms.body).toContain("/a/");
      const firstIncidentAfterS = (Date.now() - started) / 1000;
      process.stderr.write(`demo smoke: visit + incident + SMS within ${firstIncidentAfterS.toFixed(1)} s\n`);
      await calibrateThroughApi(demo.hub.httpUrl);
      const stopStarted = Date.now();
      await demo.stop();
      demo = undefined;
      process.stderr.write(`demo smoke: stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s\n`);

      // The scan reads a full run: agents connected, frames analysed, the incident, its SMS, the calibration.
      const logged = captured.text() + banner;
      for (const line of ["demo agents started", "sms logged (no twilio credentials)", "frame analysed"])
        expect(logged).toContain(line);
      expect(secrets).toHaveLength(4);
      for (const secret of secrets) expect(logged.includes(secret), "an MQTT secret reached the log").toBe(false);
    },
    DEADLINE_MS + 30_000,
  );
});
