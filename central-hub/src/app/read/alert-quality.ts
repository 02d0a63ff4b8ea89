import type { AlertQualityRow } from "@hailong/protocol";
import { labelledIncidentsByModel } from "../../db/repos/incidents-repo.js";
import type { SqlClient } from "../../db/sql-client.js";

/** The middle value (upper middle for an even count); null for none. */
export function medianOf(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : (sorted[Math.floor(sorted.length / 2)] ?? null);
}

/** False-alarm rate and acknowledgement time of labelled incidents, per counter and expression model. */
export async function alertQuality(sql: SqlClient, counterIds: readonly string[]): Promise<AlertQualityRow[]> {
  const groups = new Map<string, { counterId: string; modelId: string | null; falseAlarms: number; ackMs: number[] }>();
  for (const label of await labelledIncidentsByModel(sql, counterIds)) {
    const key = `${label.counterId}\u0000${label.modelId ?? ""}`;
    const group = groups.get(key) ?? { counterId: label.counterId, modelId: label.modelId, falseAlarms: 0, ackMs: [] };
    if (label.outcome === "false-alarm") group.falseAlarms++;
    group.ackMs.push(label.ackMs);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.counterId.localeCompare(b.counterId) || (a.modelId ?? "").localeCompare(b.modelId ?? ""))
    .map((g) => ({
      counterId: g.counterId,
      modelId: g.modelId,
      incidents: g.ackMs.length,
      falseAlarms: g.falseAlarms,
      falseAlarmRate: g.ackMs.length === 0 ? null : g.falseAlarms / g.ackMs.length,
      medianAckMs: medianOf(g.ackMs),
    }));
}
