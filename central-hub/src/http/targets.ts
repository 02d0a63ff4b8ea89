import { DEFAULT_TARGET_RATE } from "../aggregation/ranking.js";
import type { AppDeps } from "./ports.js";

/** The target tỷ lệ hài lòng (%) of a centre: its own if configured, else the hub's default. */
export function targetRateOf(deps: Pick<AppDeps, "targets">): (centreId: string) => number {
  const targets = deps.targets;
  return (centreId) => targets?.byCentre[centreId] ?? targets?.defaultRate ?? DEFAULT_TARGET_RATE;
}
