import { newId } from "@hailong/protocol";
import type { AlertService } from "../alerts/alert-service.js";
import type { DirectoryService } from "../directory/directory-service.js";
import type { TestIncidentService } from "../http/ports.js";
import { maskPhone } from "./read/directory-reader.js";

/**
 * An installer's end-to-end check of a counter: a `test` incident (hidden from leaders' lists and
 * reports) whose SMS, with a working acknowledge link, goes to the requesting installer only.
 */
export function createTestIncidentService(deps: {
  alerts: AlertService;
  directory: Pick<DirectoryService, "getCounter">;
  now?: () => number;
}): TestIncidentService {
  const now = deps.now ?? Date.now;
  return {
    async raise({ counterId, requestedBy }) {
      const at = now();
      const incidentId = newId(at);
      const requester = requestedBy.phone
        ? { personId: requestedBy.personId, name: requestedBy.displayName, phone: requestedBy.phone }
        : undefined;
      const outcome = await deps.alerts.handleIncident(
        {
          incidentId,
          visitId: newId(at),
          counterId,
          agentId: (await deps.directory.getCounter(counterId))?.agentId ?? "hub",
          onset: at,
          peak: 1,
          peakAt: at,
          durationMs: 0,
          threshold: 0.5,
          test: true,
          ts: at,
        },
        requester ? { testRequester: requester } : {},
      );
      const smsStatus =
        outcome.action === "notified"
          ? "queued"
          : outcome.action === "recorded"
            ? `not_sent:${outcome.reason}`
            : "duplicate";
      return { incidentId, smsTo: maskPhone(requestedBy.phone), smsStatus };
    },
  };
}
