import type { IncidentDto } from "@hailong/protocol";
import { localIsoDate } from "../ui/format.js";

export type IncidentFilter = "open" | "all";

export interface CounterGroup {
  counterId: string;
  counterName: string;
  field: string;
  incidents: IncidentDto[];
}

export interface DayGroup {
  /** yyyy-mm-dd in the browser's time zone. */
  day: string;
  counters: CounterGroup[];
}

/**
 * Triage order: days newest first, within a day the counters whose latest incident is newest first, and each
 * counter's incidents newest first. `open` keeps only incidents nobody has acknowledged yet.
 */
export function groupIncidents(incidents: readonly IncidentDto[], filter: IncidentFilter): DayGroup[] {
  const shown = incidents
    .filter((i) => filter === "all" || i.status === "open")
    .sort((a, b) => b.onset - a.onset || b.id.localeCompare(a.id));
  const days: DayGroup[] = [];
  for (const incident of shown) {
    const day = localIsoDate(incident.onset);
    let dayGroup = days.at(-1);
    if (dayGroup?.day !== day) {
      dayGroup = { day, counters: [] };
      days.push(dayGroup);
    }
    let counter = dayGroup.counters.find((c) => c.counterId === incident.counterId);
    if (!counter) {
      counter = {
        counterId: incident.counterId,
        counterName: incident.counterName,
        field: incident.field,
        incidents: [],
      };
      dayGroup.counters.push(counter);
    }
    counter.incidents.push(incident);
  }
  return days;
}
