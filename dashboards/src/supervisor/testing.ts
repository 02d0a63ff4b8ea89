import type { IncidentDto } from "@hailong/protocol";

/** An open, unacknowledged incident at counter c1 raised at `over.raisedAt` (default 1000), for unit tests. */
export function incidentDto(id: string, over: Partial<IncidentDto> = {}): IncidentDto {
  const raisedAt = over.raisedAt ?? 1000;
  return {
    id,
    counterId: "c1",
    counterName: "Quầy c1",
    centreId: "q1",
    field: "civil-status",
    visitId: `v-${id}`,
    onset: raisedAt - 2000,
    raisedAt,
    peak: 0.8,
    durationMs: 2000,
    episodes: 1,
    lastSeenAt: raisedAt,
    endedAt: null,
    test: false,
    status: "open",
    acknowledgedBy: null,
    acknowledgedAt: null,
    ackNote: null,
    ackVia: null,
    outcome: null,
    notifications: [],
    smsHeldBack: [],
    ...over,
  };
}
