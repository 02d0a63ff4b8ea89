import type { IncidentDto } from "@hailong/protocol";
import type { DirectorySnapshot, IncidentRecord } from "./ports.js";

/** Adds the counter's name, centre and field to a stored incident; undefined when the counter is unknown. */
export function toIncidentDto(record: IncidentRecord, directory: DirectorySnapshot): IncidentDto | undefined {
  const counter = directory.counters.find((c) => c.id === record.counterId);
  if (!counter) return undefined;
  return { ...record, counterName: counter.name, centreId: counter.centreId, field: counter.field };
}
