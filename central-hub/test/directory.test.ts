import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds, type TestDatabase } from "../src/db/testing.js";
import { createDirectoryService, type DirectoryService } from "../src/directory/directory-service.js";

const seedFile = fileURLToPath(new URL("../seed/demo-directory.yaml", import.meta.url));
// Monday 2026-11-23 09:00 and 20:00 in Ho Chi Minh City.
const mondayMorning = Date.UTC(2026, 10, 23, 2, 0);
const mondayEvening = Date.UTC(2026, 10, 23, 13, 0);

describe.each(databaseKinds())("directory on $name", ({ open }) => {
  let t: TestDatabase;
  let directory: DirectoryService;
  beforeEach(async () => {
    t = await open();
    directory = createDirectoryService({ sql: t.db.sql, now: () => mondayMorning });
  });
  afterEach(async () => {
    await t?.dispose();
  });

  it("loading the demo seed twice changes nothing the second time", async () => {
    const first = await directory.loadSeedFile(seedFile);
    expect(first.changed).toBe(first.total);
    const before = await directory.snapshot();
    const second = await directory.loadSeedFile(seedFile);
    expect(second).toEqual({ changed: 0, total: first.total });
    expect(await directory.snapshot()).toEqual(before);
    expect(before.counters.map((c) => c.id)).toEqual(["q7-dat-2", "q7-hotich-1", "q7-xaydung-3"]);
  });

  it("an incident at the land counter goes to the land department head, then the centre leaders", async () => {
    await directory.loadSeedFile(seedFile);
    const route = await directory.routeIncident("q7-dat-2");
    expect(route?.departmentHead?.name).toContain("Phạm Văn Dũng");
    expect(route?.centreLeader?.phone).toBe("+84900000001");
    expect(route?.escalation.map((s) => [s.role, s.people.map((p) => p.id)])).toEqual([
      ["department_head", ["p-head-datdai"]],
      ["centre_leader", ["p-leader-1", "p-leader-2"]],
      ["admin", ["p-admin"]],
    ]);
    expect(route?.installers.map((p) => p.id)).toEqual(["p-installer-1"]);
    expect(route?.open).toBe(true);
    expect((await directory.routeIncident("q7-dat-2", mondayEvening))?.open).toBe(false);
    expect(await directory.routeIncident("no-such-counter")).toBeUndefined();
  });

  it("a department without a head escalates to the supervisor first; a stored password survives a reseed", async () => {
    await directory.loadSeedFile(seedFile);
    await directory.deactivatePerson("p-head-xaydung");
    const route = await directory.routeIncident("q7-xaydung-3");
    expect(route?.escalation[0]).toMatchObject({ role: "supervisor", people: [{ id: "p-supervisor-1" }] });
    await directory.setPasswordHash("p-admin", "$argon2id$v=19$m=19456,t=2,p=1$abc$def");
    await directory.loadSeedFile(seedFile);
    const creds = await directory.findCredentials({ username: "admin" });
    expect(creds?.passwordHash).toBe("$argon2id$v=19$m=19456,t=2,p=1$abc$def");
    expect(creds?.person.role).toBe("admin");
  });
});
