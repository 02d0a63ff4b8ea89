import {
  deleteRosterShifts,
  listOfficials,
  listRosterShifts,
  upsertOfficial,
  upsertRosterShift,
} from "../../db/repos/roster-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { RosterStore } from "../../http/ports.js";

export function createRosterStore(sql: SqlClient, now: () => number): RosterStore {
  return {
    officials: () => listOfficials(sql),
    shifts: () => listRosterShifts(sql),
    replaceCentre: (centreId, counterIds, officials, shifts) =>
      sql.transaction(async (tx) => {
        const at = now();
        // A CSV names no logins: an official keeps the login the directory links them to.
        const linked = new Map((await listOfficials(tx)).map((o) => [o.id, o.personId]));
        await deleteRosterShifts(tx, counterIds);
        for (const o of officials) {
          const personId = o.personId ?? linked.get(o.id);
          await upsertOfficial(tx, { ...o, centreId, ...(personId ? { personId } : {}) }, at);
        }
        for (const s of shifts) await upsertRosterShift(tx, s, at);
      }),
  };
}
