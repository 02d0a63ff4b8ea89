import type { Recipient } from "./alert-policy.js";

/**
 * Escalation (pure): an unacknowledged incident alert moves one step down the chain per ack window.
 * Step 0 is the primary notification; step k >= 1 goes to the k-th person of the chain who was not
 * already notified. Nothing escalates outside opening hours (it resumes when the centre opens).
 */
export interface EscalationState {
  /** Highest step already notified (0 = primary). */
  step: number;
  /** When that step was notified. */
  notifiedAt: number;
  acknowledgedAt: number | undefined;
}

export interface EscalationStep {
  step: number;
  recipient: Recipient;
}

export function nextEscalation(
  state: EscalationState,
  chain: Recipient[],
  alreadyNotified: ReadonlySet<string>,
  now: number,
  ackWindowMs: number,
  centreOpen: boolean,
): EscalationStep | undefined {
  if (state.acknowledgedAt !== undefined || !centreOpen) return undefined;
  if (now - state.notifiedAt < ackWindowMs) return undefined;
  const remaining = chain.filter((person) => !alreadyNotified.has(person.personId) && person.phone.trim() !== "");
  const candidate = remaining[0];
  if (candidate === undefined) return undefined;
  return { step: state.step + 1, recipient: candidate };
}
