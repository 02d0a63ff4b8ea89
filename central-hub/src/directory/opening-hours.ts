import { LOCAL_OFFSET_MS } from "../aggregation/buckets.js";
import type { OpeningHours } from "./model.js";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** Whether a centre is open at `ts` (Asia/Ho_Chi_Minh local time); used for quiet hours. */
export function isOpenAt(hours: OpeningHours, ts: number): boolean {
  const local = new Date(ts + LOCAL_OFFSET_MS);
  const day = DAYS[local.getUTCDay()] ?? "sun";
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return hours[day].some(([from, to]) => minute >= toMinutes(from) && minute < toMinutes(to));
}

function toMinutes(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
