import { WEEKDAY_KEYS } from "@hailong/protocol";
import type { RosterShift } from "./model.js";

/** Ho Chi Minh City is UTC+7 all year: a shift's local times are a fixed offset from UTC. */
const HCM_OFFSET_MS = 7 * 3_600_000;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Who was on duty at a counter at a time, from the roster: the first shift of that counter covering the local
 * weekday, time of day and date. Visits and incidents are attributed this way when figures are read. Pure.
 */
export function createDutyResolver(
  shifts: readonly RosterShift[],
): (counterId: string, ts: number) => string | undefined {
  const byCounter = new Map<string, RosterShift[]>();
  for (const s of shifts) byCounter.set(s.counterId, [...(byCounter.get(s.counterId) ?? []), s]);
  return (counterId, ts) => {
    const list = byCounter.get(counterId);
    if (!list) return undefined;
    const local = new Date(ts + HCM_OFFSET_MS);
    const day = WEEKDAY_KEYS[(local.getUTCDay() + 6) % 7];
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const date = local.toISOString().slice(0, 10);
    return list.find(
      (s) =>
        s.days.includes(day as RosterShift["days"][number]) &&
        minute >= minutes(s.start) &&
        minute < minutes(s.end) &&
        (s.validFrom === undefined || date >= s.validFrom) &&
        (s.validTo === undefined || date <= s.validTo),
    )?.officialId;
  };
}
