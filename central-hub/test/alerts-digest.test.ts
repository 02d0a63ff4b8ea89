import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAlertDirectory } from "../src/app/alert-directory.js";
import { upsertPerson } from "../src/db/repos/directory-repo.js";
import { acknowledgeIncidentRow, upsertIncident } from "../src/db/repos/incidents-repo.js";
import { createDirectoryService } from "../src/directory/directory-service.js";
import type { PersonInput } from "../src/directory/model.js";
import { databaseKinds } from "./support/fake-twilio-databases.js";
import { type Harness, MIN, seedCounter, startHarness } from "./support/fake-twilio-harness.js";

/** 2026-12-04 17:00 in Hồ Chí Minh City (UTC+7). */
const FIVE_PM = Date.UTC(2026, 11, 4, 10, 0);
const HOUR = 60 * MIN;

const person = (p: Partial<PersonInput> & Pick<PersonInput, "id" | "role" | "phone">): PersonInput => ({
  name: p.id,
  centreId: "ben-nghe",
  escalationRank: 0,
  active: true,
  alertDelivery: "sms",
  digestHour: 17,
  ...p,
});

describe.each(databaseKinds())("daily digest on %s", (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
    h.clock.t = FIVE_PM - 3 * MIN;
    const sql = h.db.sql;
    await seedCounter(sql, "c2", h.clock.t); // field civil
    await sql.execute(
      "INSERT INTO counters (id, centre_id, field, name, agent_id, active, updated_at) VALUES ('c3', 'ben-nghe', 'land', 'Quầy Đất đai 1', 'agent-1', 1, ?)",
      [h.clock.t],
    );
    await sql.execute(
      "INSERT INTO departments (id, centre_id, field, name, updated_at) VALUES ('dep-civil', 'ben-nghe', 'civil', 'Hộ tịch', ?)",
      [h.clock.t],
    );
    for (const p of [
      person({ id: "p-digest", role: "centre_leader", phone: "+84900000011", alertDelivery: "digest" }),
      person({
        id: "p-both",
        role: "department_head",
        departmentId: "dep-civil",
        phone: "+84900000012",
        alertDelivery: "both",
        digestHour: 18,
      }),
      person({ id: "p-sms", role: "supervisor", phone: "+84900000013" }),
    ]) {
      await upsertPerson(sql, p, h.clock.t);
    }
    // The 24 hours before 17:00: three on c2 (one a false alarm), one on c3; outside: two days ago, after
    // 17:00, and a test incident.
    const incidents: Array<[string, number, boolean]> = [
      ["c2", FIVE_PM - 20 * HOUR, false],
      ["c2", FIVE_PM - 2 * HOUR, false],
      ["c2", FIVE_PM - 10 * MIN, false],
      ["c3", FIVE_PM - 5 * HOUR, false],
      ["c3", FIVE_PM - 30 * HOUR, false],
      ["c2", FIVE_PM + 5 * MIN, false],
      ["c2", FIVE_PM - HOUR, true],
    ];
    for (const [i, [counterId, onset, test]] of incidents.entries()) {
      await upsertIncident(sql, h.incident(counterId, { incidentId: `inc-digest-${i}`, onset, test }), onset + 3000);
    }
    await acknowledgeIncidentRow(sql, {
      incidentId: "inc-digest-1",
      by: "dashboard|leader|Leader",
      at: FIVE_PM - HOUR,
      note: null,
      outcome: "false-alarm",
    });
  });
  afterEach(async () => {
    await h?.close();
  });

  it("sends each person's digest once at their hour, summarising the incidents they oversee", async () => {
    // The monitor also decides and escalates the seeded incidents; only the digest people's SMS are counted.
    const digests = async () => {
      const [row] = await h.db.sql.query<{ n: number | string }>(
        "SELECT COUNT(*) AS n FROM sms_outbox WHERE to_phone IN ('+84900000011', '+84900000012', '+84900000013')",
      );
      return Number(row?.n);
    };
    await h.monitor.tick(); // 16:57: not yet
    expect(await digests()).toBe(0);
    h.clock.t = FIVE_PM;
    await h.monitor.tick();
    expect(await digests()).toBe(1); // the centre leader's 17:00 digest
    await h.flush();
    h.clock.t = FIVE_PM + MIN;
    await h.monitor.tick();
    await h.newMonitor().tick(); // a restarted (or second) hub repeats nothing
    expect(await digests()).toBe(1);
    h.clock.t = FIVE_PM + HOUR;
    await h.monitor.tick();
    expect(await digests()).toBe(2); // the Hộ tịch head's 18:00 digest: their field's counter only
    await h.flush();
    const sent = h.fake
      .sendAttempts()
      .filter((r) => r.form.To?.startsWith("+8490000001"))
      .map((r) => [r.form.To, r.form.Body]);
    expect(sent).toEqual([
      [
        "+84900000011",
        "HAILONG tong hop 24 gio den 17:00 04/12: 4 su co khong hai long (3 chua tiep nhan, 1 bao nham). Nhieu nhat: c2 (3). Xem: http://hub.local/",
      ],
      [
        "+84900000012",
        "HAILONG tong hop 24 gio den 18:00 04/12: 4 su co khong hai long (3 chua tiep nhan, 1 bao nham). Nhieu nhat: c2 (4). Xem: http://hub.local/",
      ],
    ]);
    // the next day's digest is a new one
    h.clock.t = FIVE_PM + 24 * HOUR;
    await h.monitor.tick();
    expect(await digests()).toBe(3);
  });

  it("a person who chose the digest only gets no SMS per incident; 'both' still does", async () => {
    await h.db.sql.execute(
      "INSERT INTO centres (id, name, opening_hours, updated_at) VALUES ('ben-nghe', 'TT HCC P.Bình Tiên', ?, ?)",
      [
        JSON.stringify(Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, []]))),
        h.clock.t,
      ],
    );
    const route = await createAlertDirectory(createDirectoryService({ sql: h.db.sql })).route("c2");
    expect(route?.primary.map((r) => r.personId)).toEqual(["p-both"]);
  });
});
