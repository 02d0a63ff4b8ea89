/**
 * Who gets an SMS for a dissatisfaction incident (pure: the caller gathers the facts, this decides).
 *
 * Cooldown: the window runs from the last incident on the same counter that was SMSed. Incidents inside it
 * are recorded (they show on the dashboard and behind the acknowledgement link) but are NOT SMSed and not
 * batched into a follow-up: a leader who was just told about counter 2 will look at it, and a second text
 * five minutes later carries no decision. A continuous stream of incidents therefore produces at most one
 * SMS per counter per cooldown.
 */

export interface Recipient {
  personId: string;
  name: string;
  /** E.164, e.g. +84901234567. */
  phone: string;
}

/** What the directory knows about a counter (see `routeFromDirectory` for the adapter). */
export interface IncidentRoute {
  centreId: string;
  centreName: string;
  counterLabel: string;
  fieldName: string;
  /** Notified at once: the centre leader and the head of the department responsible for the field. */
  primary: Recipient[];
  /** Notified one per ack window, in order, while nobody acknowledges. */
  escalation: Recipient[];
  /** Told when the counter goes offline and when it recovers (the centre leader). */
  outage: Recipient[];
}

export interface AlertPolicyConfig {
  cooldownMs: number;
  hourlyCapPerRecipient: number;
  /** An incident older than this when it reaches the hub (an agent's outbox replayed after an outage) is stale. */
  maxIncidentAgeMs: number;
}

export interface IncidentFacts {
  test: boolean;
  /** When the agent raised the incident (message ts). */
  raisedAt: number;
  route: IncidentRoute | undefined;
  /** Inside the centre's opening hours at `now`. */
  centreOpen: boolean;
  agentOnline: boolean;
  /** Latest health of the counter says its scores should not be trusted (or health is stale). */
  counterDegraded: boolean;
  /** When the last SMSed incident on this counter was raised, if any. */
  lastNotifiedIncidentAt: number | undefined;
  /** SMS already queued for each person in the last hour (all kinds). */
  sentLastHour: ReadonlyMap<string, number>;
  /** The installer who asked for a test incident on this counter, if any is pending. */
  testRequester: Recipient | undefined;
  now: number;
}

export type SuppressReason =
  | "unrouted"
  | "no-recipients"
  | "test-without-requester"
  | "agent-offline"
  | "agent-degraded"
  | "quiet-hours"
  | "cooldown"
  | "hourly-cap"
  | "stale";

export type IncidentDecision =
  | { action: "notify"; recipients: Recipient[]; capped: Recipient[] }
  | { action: "record"; reason: SuppressReason };

export function decideIncidentAlert(facts: IncidentFacts, config: AlertPolicyConfig): IncidentDecision {
  if (facts.test) {
    // An installer's test goes to that installer only, whatever the hour, cooldown or camera health.
    return facts.testRequester
      ? { action: "notify", recipients: [facts.testRequester], capped: [] }
      : { action: "record", reason: "test-without-requester" };
  }
  if (facts.route === undefined) return { action: "record", reason: "unrouted" };
  // A text about something that happened long ago sends a leader to a counter where nothing is wrong now.
  if (facts.now - facts.raisedAt > config.maxIncidentAgeMs) return { action: "record", reason: "stale" };
  if (!facts.agentOnline) return { action: "record", reason: "agent-offline" };
  if (facts.counterDegraded) return { action: "record", reason: "agent-degraded" };
  if (!facts.centreOpen) return { action: "record", reason: "quiet-hours" };
  if (facts.lastNotifiedIncidentAt !== undefined && facts.now - facts.lastNotifiedIncidentAt < config.cooldownMs) {
    return { action: "record", reason: "cooldown" };
  }
  const unique = uniqueRecipients(facts.route.primary);
  if (unique.length === 0) return { action: "record", reason: "no-recipients" };
  const { allowed, capped } = applyHourlyCap(unique, facts.sentLastHour, config.hourlyCapPerRecipient);
  if (allowed.length === 0) return { action: "record", reason: "hourly-cap" };
  return { action: "notify", recipients: allowed, capped };
}

/** Splits recipients into those under their hourly cap and those at it. */
export function applyHourlyCap(
  recipients: Recipient[],
  sentLastHour: ReadonlyMap<string, number>,
  cap: number,
): { allowed: Recipient[]; capped: Recipient[] } {
  const allowed: Recipient[] = [];
  const capped: Recipient[] = [];
  for (const recipient of recipients) {
    ((sentLastHour.get(recipient.personId) ?? 0) < cap ? allowed : capped).push(recipient);
  }
  return { allowed, capped };
}

/** The leader may also head the department: one SMS per person. */
export function uniqueRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    if (seen.has(r.personId) || r.phone.trim() === "") return false;
    seen.add(r.personId);
    return true;
  });
}
