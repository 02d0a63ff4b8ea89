import type { HealthMessage, ScoreWindowMessage, VisitEvent } from "@hailong/protocol";
import type { AgentStateChange } from "../db/repos/agents-repo.js";
import type { IncidentRecord } from "../db/repos/incidents-repo.js";

/**
 * Called after the batch holding the message has committed (so a hook can read it back from the
 * database). Hooks run synchronously in order; a thrown error or rejected promise is logged, never fatal.
 * Redelivered duplicates are not reported.
 */
export interface IngestHooks {
  /** `created` is false for a later message about an incident already stored (new peak or duration). */
  onIncident?(event: { incident: IncidentRecord; created: boolean }): unknown;
  onHealth?(health: HealthMessage): unknown;
  /** Online/offline transitions from availability messages (incl. last wills) and health. */
  onAvailability?(change: AgentStateChange): unknown;
  onVisit?(visit: VisitEvent): unknown;
  onScore?(score: ScoreWindowMessage): unknown;
}
