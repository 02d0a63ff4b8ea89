/**
 * The one place that spells alert dedupe keys. An `alerts` row and its `sms_outbox` row carry the same key,
 * and both tables refuse a second row with it: that is what makes a redelivered incident, a racing hub or a
 * repeated monitor pass send nothing twice. Callers ask for a key here; they never build one.
 */
export const dedupeKeys = {
  /** The hub's decision about an incident (one per incident, no SMS). */
  incidentDecision: (incidentId: string) => `incident:${incidentId}`,
  /** The first notification of an incident to one person. */
  incidentSms: (incidentId: string, personId: string) => `incident:${incidentId}:${personId}:0`,
  /** A person who would have been texted about an incident but was not (cooldown, cap, quiet hours...). */
  heldBack: (incidentId: string, personId: string) => `incident:${incidentId}:${personId}:held`,
  /** Escalation step k of an incident (one per step: two hubs cannot both escalate). */
  escalation: (incidentId: string, step: number) => `incident:${incidentId}:step:${step}`,
  /** An outage notice to one person; `since` is the stored start of the outage, so a restart repeats nothing. */
  outage: (kind: "offline" | "recovered", counterId: string, since: number, personId: string) =>
    `${kind}:${counterId}:${since}:${personId}`,
  /** A person's daily digest; `day` is the local date it summarises up to (one digest a day, whatever restarts). */
  digest: (personId: string, day: string) => `digest:${day}:${personId}`,
} as const;
