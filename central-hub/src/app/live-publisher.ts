import type { Logger } from "@hailong/common";
import { toIncidentDto } from "../http/incident-dto.js";
import type { AppDeps } from "../http/ports.js";
import type { IngestHooks } from "../ingest/hooks.js";

/** Turns committed ingest results into live events for the dashboards' SSE stream. */
export function createLivePublisher(
  deps: Pick<AppDeps, "directory" | "live" | "incidents" | "events">,
  log: Logger,
): IngestHooks {
  const tileFor = async (counterId: string): Promise<void> => {
    const directory = await deps.directory.snapshot();
    const counter = directory.counters.find((c) => c.id === counterId);
    if (!counter) return;
    const [tile] = await deps.live.tiles([counter]);
    if (tile) deps.events.publish({ type: "tile", tile });
  };
  const guard = (what: string, work: Promise<void>) =>
    work.catch((error: unknown) => log.warn({ err: error, what }, "live event not published"));
  return {
    onVisit: (visit) => guard("visit", tileFor(visit.counterId)),
    onIncident: ({ incident, created }) =>
      guard(
        "incident",
        (async () => {
          const record = await deps.incidents.get(incident.incidentId);
          const dto = record ? toIncidentDto(record, await deps.directory.snapshot()) : undefined;
          if (dto) deps.events.publish({ type: created ? "incident" : "incident-update", incident: dto });
          await tileFor(incident.counterId);
        })(),
      ),
    onAvailability: (change) => {
      deps.events.publish({ type: "agent", agentId: change.agentId, online: change.state === "online", at: change.at });
    },
  };
}
