import type { IngestHooks } from "../ingest/hooks.js";
import type { AlertService } from "./alert-service.js";

/**
 * How stored incidents reach alerting: ingest calls these hooks after its commit. Only a newly created incident
 * is decided; a later message about the same incident (an update: higher peak, longer time, its end) changes
 * the stored incident and the dashboard, never the phones.
 */
export function createIncidentRouter(service: Pick<AlertService, "handleIncident">): IngestHooks {
  return {
    onIncident: ({ incident, created }) => (created ? service.handleIncident(incident) : undefined),
  };
}
