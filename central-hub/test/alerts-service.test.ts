import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIncidentService } from "../src/app/read/incident-service.js";
import { upsertIncident } from "../src/db/repos/incidents-repo.js";
import { createOutboxStore } from "../src/db/repos/sms-outbox-repo.js";
import { databaseKinds } from "./support/fake-twilio-databases.js";
import {
  deputy,
  type Harness,
  head,
  installer,
  leader,
  MIN,
  seedCounter,
  startHarness,
} from "./support/fake-twilio-harness.js";

const tokenOf = (body: string | undefined) => body?.match(/\/a\/([0-9A-Za-z]+)$/)?.[1] ?? "";

describe.each(databaseKinds())("alerts on %s", (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
    await seedCounter(h.db.sql, "c2", h.clock.t);
  });
  afterEach(async () => {
    await h?.close();
  });

  it("an incident sends exactly one SMS to the leader and one to the department head; redelivery sends nothing", async () => {
    const m = h.incident("c2");
    expect(await h.service.handleIncident(m)).toMatchObject({ action: "notified" });
    await h.flush();
    expect(await h.service.handleIncident(m)).toEqual({ action: "duplicate" });
    await h.flush();
    const sent = h.fake.sendAttempts();
    expect(sent.map((r) => r.form.To).sort()).toEqual([leader.phone, head.phone]);
    for (const r of sent) {
      expect(r.form.Body).toMatch(
        /^HAILONG \d\d:\d\d \d\d\/\d\d: Cong dan khong hai long 12 giay tai quay 2 \(Ho tich\), TT HCC P\.Binh Tien\. Vui long kiem tra quay\. XN: http:\/\/hub\.local\/a\/[0-9A-Za-z]{12}$/,
      );
      expect(r.form.Body!.length).toBeLessThanOrEqual(160);
    }
    expect(tokenOf(sent[0]?.form.Body)).not.toBe(tokenOf(sent[1]?.form.Body));
    expect(await createOutboxStore(h.db.sql).counts()).toMatchObject({ sent: 2, pending: 0 });
  });

  it("an incident stored by ingest but never decided (hub died in between) is still alerted, once", async () => {
    const m = h.incident("c2");
    await upsertIncident(h.db.sql, m, h.clock.t);
    await h.monitor.tick(); // too fresh: the ingest hook may be deciding it right now
    await h.flush();
    expect(h.fake.sendAttempts()).toHaveLength(0);
    h.clock.t += 5_000;
    await h.monitor.tick();
    await h.monitor.tick();
    await h.flush();
    expect(await h.service.handleIncident(m)).toEqual({ action: "duplicate" });
    expect(
      h.fake
        .sendAttempts()
        .map((r) => r.form.To)
        .sort(),
    ).toEqual([leader.phone, head.phone]);
  });

  it("inside the counter cooldown incidents are recorded without SMS, and the next SMS says how many", async () => {
    await h.service.handleIncident(h.incident("c2"));
    h.clock.t += 4 * MIN;
    expect(await h.service.handleIncident(h.incident("c2"))).toEqual({ action: "recorded", reason: "cooldown" });
    h.clock.t += 1 * MIN + 1;
    expect(await h.service.handleIncident(h.incident("c2"))).toMatchObject({ action: "notified" });
    await h.flush();
    expect(h.fake.sendAttempts()).toHaveLength(4);
    const [row] = await h.db.sql.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM alerts WHERE kind = 'incident-recorded' AND suppressed_reason = 'cooldown'",
    );
    expect(Number(row?.n)).toBe(1);
    // both people the cooldown kept from texting are named with the reason, and each one's next SMS counts it
    const held = await h.db.sql.query<{ person_id: string }>(
      "SELECT person_id FROM alerts WHERE kind = 'held-back' AND suppressed_reason = 'cooldown' ORDER BY person_id",
    );
    expect(held.map((r) => r.person_id)).toEqual([head.personId, leader.personId].sort());
    const bodies = h.fake.messages.map((m) => m.body);
    // The outbox worker may send the four in any order (PostgreSQL does): count, don't rely on arrival order.
    expect(bodies.filter((b) => !b.includes("su co khac"))).toHaveLength(2);
    expect(bodies.filter((b) => b.includes("(+1 su co khac"))).toHaveLength(2);
  });

  it("outside opening hours, from a degraded or offline counter, or replayed late, nothing is sent", async () => {
    h.open.value = false;
    expect(await h.service.handleIncident(h.incident("c2"))).toEqual({ action: "recorded", reason: "quiet-hours" });
    h.open.value = true;
    await seedCounter(h.db.sql, "c3", h.clock.t, { degraded: true });
    expect(await h.service.handleIncident(h.incident("c3"))).toEqual({ action: "recorded", reason: "agent-degraded" });
    const replayed = h.incident("c2", { ts: h.clock.t - 11 * MIN, onset: h.clock.t - 11 * MIN });
    expect(await h.service.handleIncident(replayed)).toEqual({ action: "recorded", reason: "stale" });
    await h.db.sql.execute("UPDATE agents SET state = 'offline' WHERE agent_id = 'agent-1'");
    expect(await h.service.handleIncident(h.incident("c2"))).toEqual({ action: "recorded", reason: "agent-offline" });
    await h.flush();
    expect(h.fake.sendAttempts()).toHaveLength(0);
  });

  it("a test incident goes only to the installer who asked for it", async () => {
    const m = h.incident("c2", { test: true });
    expect(await h.service.handleIncident(m, { testRequester: installer })).toMatchObject({ action: "notified" });
    await h.flush();
    expect(h.fake.sendAttempts().map((r) => r.form.To)).toEqual([installer.phone]);
    expect(h.fake.messages[0]?.body).toMatch(/^THU NGHIEM, khong co cong dan nao: /);
  });

  it("429 from Twilio then success delivers one SMS per recipient", async () => {
    h.fake.failNext({ kind: "status", status: 429 });
    await h.service.handleIncident(h.incident("c2"));
    await h.flush();
    h.clock.t += 2_000;
    await h.flush();
    expect(h.fake.sendAttempts()).toHaveLength(3);
    expect(h.fake.messages.map((m) => m.to).sort()).toEqual([leader.phone, head.phone]);
  });

  it("an unacknowledged incident escalates once after the ack window", async () => {
    const m = h.incident("c2");
    await h.service.handleIncident(m);
    h.clock.t += 10 * MIN - 1;
    expect(await h.monitor.tick()).toBe(0);
    h.clock.t += 1;
    await seedCounter(h.db.sql, "c2", h.clock.t);
    expect(await h.monitor.tick()).toBe(1);
    await h.flush();
    h.clock.t += 30 * MIN;
    await seedCounter(h.db.sql, "c2", h.clock.t);
    expect(await h.monitor.tick()).toBe(0); // chain exhausted
    await h.flush();
    const toDeputy = h.fake.messages.filter((x) => x.to === deputy.phone);
    expect(toDeputy).toHaveLength(1);
    expect(toDeputy[0]?.body).toMatch(/^(HAILONG - CHUA AI XAC NHAN|CHUA XN) .*khong hai long 12 giay tai quay 2/i);
  });

  it("acknowledging by the SMS link stops escalation", async () => {
    await h.service.handleIncident(h.incident("c2"));
    await h.flush();
    const token = tokenOf(h.fake.messages.find((x) => x.to === head.phone)?.body);
    const owner = await h.service.resolveToken(token);
    expect(owner).toMatchObject({ personId: head.personId });
    expect(await h.service.resolveToken("notARealToken1")).toBeUndefined();
    // What the acknowledge page does with a valid token.
    const acked = await createIncidentService(h.db.sql).acknowledge({
      incidentId: owner?.incidentId ?? "",
      actor: `sms:${head.personId}`,
      actorName: "head",
      note: null,
      via: "sms_link",
      at: h.clock.t,
    });
    expect(acked?.status).toBe("acknowledged");
    h.clock.t += 11 * MIN;
    await seedCounter(h.db.sql, "c2", h.clock.t);
    expect(await h.monitor.tick()).toBe(0);
  });

  it("acknowledging by person (dashboard) stops escalation", async () => {
    const m = h.incident("c2");
    await h.service.handleIncident(m);
    const incidents = createIncidentService(h.db.sql);
    const ack = (actor: string) =>
      incidents.acknowledge({
        incidentId: m.incidentId,
        actor,
        actorName: actor,
        note: null,
        via: "dashboard",
        at: h.clock.t,
      });
    expect(await ack("leader")).toMatchObject({ status: "acknowledged", acknowledgedBy: "leader" });
    // The first acknowledgement is kept.
    expect(await ack("head")).toMatchObject({ acknowledgedBy: "leader" });
    h.clock.t += 11 * MIN;
    await seedCounter(h.db.sql, "c2", h.clock.t);
    expect(await h.monitor.tick()).toBe(0);
  });

  it("a counter offline past the grace raises one alert and its recovery one more", async () => {
    expect(await h.monitor.tick()).toBe(0);
    const wentDown = h.clock.t;
    await h.db.sql.execute("UPDATE agents SET state = 'offline', state_at = ? WHERE agent_id = 'agent-1'", [wentDown]);
    h.clock.t += 4 * MIN;
    expect(await h.monitor.tick()).toBe(0);
    h.clock.t += 1 * MIN;
    expect(await h.monitor.tick()).toBe(1);
    await h.flush();
    h.clock.t += 1 * MIN;
    expect(await h.monitor.tick()).toBe(0);
    h.clock.t += 10 * MIN;
    await h.db.sql.execute("UPDATE agents SET state = 'online', state_at = ? WHERE agent_id = 'agent-1'", [h.clock.t]);
    await seedCounter(h.db.sql, "c2", h.clock.t);
    expect(await h.monitor.tick()).toBe(1);
    expect(await h.monitor.tick()).toBe(0);
    await h.flush();
    expect(h.fake.messages.map((x) => x.body)).toEqual([
      expect.stringMatching(
        /^HAILONG: Camera quay 2 \(Ho tich\), TT HCC P\.Binh Tien mat ket noi tu \d\d:\d\d \d\d\/\d\d\. Vui long kiem tra thiet bi\.$/,
      ),
      expect.stringMatching(
        /^HAILONG: Camera quay 2 \(Ho tich\), TT HCC P\.Binh Tien da hoat dong lai luc .* \(mat ket noi 16 phut\)\.$/,
      ),
    ]);
    expect(h.fake.messages.every((x) => x.to === leader.phone)).toBe(true);
  });

  it("an outage announced before a hub restart gets exactly one recovered notice after it", async () => {
    expect(await h.monitor.tick()).toBe(0);
    await h.db.sql.execute("UPDATE agents SET state = 'offline', state_at = ? WHERE agent_id = 'agent-1'", [h.clock.t]);
    h.clock.t += 6 * MIN;
    expect(await h.monitor.tick()).toBe(1);
    await h.flush();
    h.monitor.stop();
    // The agent is back before the restarted hub's first pass: only the stored decision knows of the outage.
    h.clock.t += 10 * MIN;
    await h.db.sql.execute("UPDATE agents SET state = 'online', state_at = ? WHERE agent_id = 'agent-1'", [h.clock.t]);
    await seedCounter(h.db.sql, "c2", h.clock.t);
    const restarted = h.newMonitor();
    expect(await restarted.tick()).toBe(1);
    expect(await restarted.tick()).toBe(0);
    await h.flush();
    expect(h.fake.messages.map((x) => x.body)).toEqual([
      expect.stringMatching(/mat ket noi tu/),
      expect.stringMatching(/da hoat dong lai luc .* \(mat ket noi 16 phut\)/),
    ]);
  });

  it("two hubs watching the same counters send one offline and one recovered notice", async () => {
    const other = h.newMonitor();
    const both = async () => (await h.monitor.tick()) + (await other.tick());
    expect(await both()).toBe(0);
    await h.db.sql.execute("UPDATE agents SET state = 'offline', state_at = ? WHERE agent_id = 'agent-1'", [h.clock.t]);
    h.clock.t += 6 * MIN;
    expect(await both()).toBe(1);
    h.clock.t += 5 * MIN;
    expect(await both()).toBe(0);
    await h.db.sql.execute("UPDATE agents SET state = 'online', state_at = ? WHERE agent_id = 'agent-1'", [h.clock.t]);
    await seedCounter(h.db.sql, "c2", h.clock.t);
    expect(await Promise.all([h.monitor.tick(), other.tick()]).then(([a, b]) => a + b)).toBe(1);
    await h.flush();
    expect(h.fake.messages).toHaveLength(2);
  });
});

describe("alerts hourly cap", () => {
  it("a recipient gets at most 6 SMS per hour", async () => {
    const h = await startHarness("sqlite", { cooldownMinutes: 0 });
    try {
      await seedCounter(h.db.sql, "c2", h.clock.t);
      const outcomes = [];
      for (let i = 0; i < 8; i++) {
        outcomes.push((await h.service.handleIncident(h.incident("c2"))).action);
        h.clock.t += 5 * MIN;
      }
      expect(outcomes).toEqual([...Array(6).fill("notified"), "recorded", "recorded"]);
      h.clock.t += 30 * MIN; // the first SMS of the hour has aged out
      await seedCounter(h.db.sql, "c2", h.clock.t);
      expect((await h.service.handleIncident(h.incident("c2"))).action).toBe("notified");
      await h.flush();
      // the two incidents the cap held back are counted in the recipient's next SMS
      const last = h.fake.messages.filter((m) => m.to === leader.phone).at(-1);
      expect(last?.body).toContain("(+2 su co khac");
      expect(last?.body.length).toBeLessThanOrEqual(160);
    } finally {
      await h.close();
    }
  });
});
