import { createSilentLogger } from "@hailong/common";
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
      const stopStarted = Date.now();
      await demo.stop();
      demo = undefined;
      process.stderr.write(`demo smoke: stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s\n`);
    },
    DEADLINE_MS + 30_000,
  );
});
