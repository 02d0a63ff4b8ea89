import { RollupAccumulator } from "../aggregation/rollup-delta.js";
import {
  acknowledgeIncidentRow,
  getIncident,
  type IncidentQuery,
  type IncidentRecord,
  listIncidents,
} from "./repos/incidents-repo.js";
import { applyRollupDeltas } from "./repos/rollups-repo.js";
import type { SqlClient } from "./sql-client.js";

export interface AcknowledgeResult {
  incident: IncidentRecord;
  /** False when it was already acknowledged (the first acknowledgement is kept). */
  changed: boolean;
}

export interface IncidentStore {
  get(incidentId: string): Promise<IncidentRecord | undefined>;
  list(query: IncidentQuery): Promise<IncidentRecord[]>;
  /** Idempotent; updates the response-time rollups in the same transaction. */
  acknowledge(input: {
    incidentId: string;
    by: string;
    at: number;
    note: string | null;
  }): Promise<AcknowledgeResult | undefined>;
}

export function createIncidentStore(sql: SqlClient): IncidentStore {
  return {
    get: (incidentId) => getIncident(sql, incidentId),
    list: (query) => listIncidents(sql, query),
    acknowledge: (input) =>
      sql.transaction(async (tx) => {
        const { changed, incident } = await acknowledgeIncidentRow(tx, input);
        if (incident === undefined) return undefined;
        if (changed) {
          const rollups = new RollupAccumulator();
          rollups.addAcknowledgement(incident, input.at);
          await applyRollupDeltas(tx, rollups.drain());
        }
        return { incident, changed };
      }),
  };
}
