/**
 * Counter liveness (pure): an agent that stays offline past the grace period raises exactly one
 * "counter offline" alert, and exactly one "recovered" alert when it comes back. Short blips (shorter
 * than the grace) raise nothing; outside opening hours the offline alert waits (agents are often
 * powered down at night) and a recovery is only announced if the outage was announced.
 */
export interface LivenessState {
  online: boolean;
  /** When the current online/offline state began. */
  since: number;
  offlineAlerted: boolean;
}

export type LivenessEvent = { kind: "offline"; since: number } | { kind: "recovered"; since: number; at: number };

export interface LivenessStep {
  state: LivenessState;
  event: LivenessEvent | undefined;
}

/** Feed an observation (availability message, fresh or stale health) at time `at`. */
export function observeLiveness(previous: LivenessState | undefined, online: boolean, at: number): LivenessStep {
  if (previous === undefined) return { state: { online, since: at, offlineAlerted: false }, event: undefined };
  if (previous.online === online) return { state: previous, event: undefined };
  if (online) {
    const event: LivenessEvent | undefined = previous.offlineAlerted
      ? { kind: "recovered", since: previous.since, at }
      : undefined;
    return { state: { online: true, since: at, offlineAlerted: false }, event };
  }
  return { state: { online: false, since: at, offlineAlerted: false }, event: undefined };
}

/** Called periodically: raises the offline alert once the grace period has passed. */
export function tickLiveness(state: LivenessState, now: number, graceMs: number, centreOpen: boolean): LivenessStep {
  if (state.online || state.offlineAlerted || !centreOpen || now - state.since < graceMs) {
    return { state, event: undefined };
  }
  return { state: { ...state, offlineAlerted: true }, event: { kind: "offline", since: state.since } };
}

export function sameLiveness(a: LivenessState | undefined, b: LivenessState): boolean {
  return a !== undefined && a.online === b.online && a.since === b.since && a.offlineAlerted === b.offlineAlerted;
}
