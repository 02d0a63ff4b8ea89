import type { Logger } from "@hailong/common";
import { newId } from "@hailong/protocol";
import { digestRecipients, incidentCountsInScope, outboxHasKey } from "../db/repos/digest-repo.js";
import { createOutboxStore } from "../db/repos/sms-outbox-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import { formatDigestSms } from "../sms/digest-format.js";
import type { AlertSettings } from "./alert-sms-queue.js";
import { dedupeKeys } from "./dedupe-keys.js";
import { digestSlot } from "./digest-schedule.js";

const DAY_MS = 86_400_000;

export interface DigestJobDeps {
  sql: SqlClient;
  settings: AlertSettings;
  log: Logger;
}

/**
 * Once a day, at the hour each person chose (in the SMS time zone), one SMS summarising the 24 hours of
 * incidents before it on the counters they oversee, for people whose directory entry asks for a digest. A tick
 * after the hour (or after a restart later that day) sends it if it was not sent; the dedupe key makes it once.
 * Resolves with the number of SMS queued.
 */
export function createDigestJob(deps: DigestJobDeps): (at: number) => Promise<number> {
  const log = deps.log.child({ module: "alert-digest" });
  const outbox = createOutboxStore(deps.sql);
  const { format } = deps.settings;
  return async (at) => {
    let queued = 0;
    for (const person of await digestRecipients(deps.sql)) {
      const slot = digestSlot(at, person.digestHour, format.timeZone);
      const dedupeKey = dedupeKeys.digest(person.personId, slot.day);
      if (at < slot.dueAt || (await outboxHasKey(deps.sql, dedupeKey))) continue;
      const counts = await incidentCountsInScope(deps.sql, person, slot.dueAt - DAY_MS, slot.dueAt);
      const busiest = counts[0];
      const sms = formatDigestSms(
        {
          at: slot.dueAt,
          incidents: counts.reduce((n, c) => n + c.incidents, 0),
          open: counts.reduce((n, c) => n + c.open, 0),
          falseAlarms: counts.reduce((n, c) => n + c.falseAlarms, 0),
          busiest: busiest ? { counterName: busiest.counterName, incidents: busiest.incidents } : null,
          dashboardUrl: `${deps.settings.publicBaseUrl}/`,
        },
        format,
      );
      const inserted = await outbox.enqueue({
        id: newId(at),
        alertId: null,
        dedupeKey,
        toPhone: person.phone,
        body: sms.body,
        encoding: sms.encoding,
        segments: sms.segments,
        createdAt: at,
        expiresAt: at + deps.settings.validityMs,
      });
      if (inserted) {
        queued += 1;
        log.info({ personId: person.personId, day: slot.day, counters: counts.length }, "daily digest queued");
      }
    }
    return queued;
  };
}
