import type { IncidentRoute as AlertRoute, Recipient } from "../alerts/alert-policy.js";
import type { AlertDirectory } from "../alerts/ports.js";
import type { DirectoryService } from "../directory/directory-service.js";
import type { Person } from "../directory/model.js";
import { KNOWN_FIELDS } from "../directory/model.js";
import { isOpenAt } from "../directory/opening-hours.js";

function recipient(p: Person | undefined): Recipient[] {
  return p?.phone ? [{ personId: p.id, name: p.name, phone: p.phone }] : [];
}

/** People who chose the daily digest only get no SMS per incident (escalation, the safety net, still reaches them). */
function perIncident(p: Person | undefined): Recipient[] {
  return p?.alertDelivery === "digest" ? [] : recipient(p);
}

function unique(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => !seen.has(r.personId) && seen.add(r.personId));
}

/**
 * The alert engine's view of the directory: the first escalation step (department head, or supervisors)
 * and the centre leader are told at once; later steps escalate; the leader hears about outages.
 */
export function createAlertDirectory(directory: DirectoryService): AlertDirectory {
  return {
    async route(counterId): Promise<AlertRoute | undefined> {
      const route = await directory.routeIncident(counterId);
      if (!route) return undefined;
      const [first, ...later] = route.escalation;
      const primary = unique([...(first?.people.flatMap(perIncident) ?? []), ...perIncident(route.centreLeader)]);
      const primaryIds = new Set(primary.map((r) => r.personId));
      return {
        centreId: route.centre.id,
        centreName: route.centre.name,
        counterLabel: route.counter.name,
        fieldName:
          route.department?.name ??
          KNOWN_FIELDS[route.counter.field as keyof typeof KNOWN_FIELDS] ??
          route.counter.field,
        primary,
        escalation: unique(later.flatMap((s) => s.people.flatMap(recipient))).filter(
          (r) => !primaryIds.has(r.personId),
        ),
        outage: recipient(route.centreLeader),
      };
    },
    async isOpen(centreId, at) {
      const centre = await directory.getCentre(centreId);
      return centre ? isOpenAt(centre.openingHours, at) : false;
    },
  };
}
