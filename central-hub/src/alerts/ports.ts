import type { IncidentRoute, Recipient } from "./alert-policy.js";

/** What alerts need from the directory (centres, counters, people, opening hours). */
export interface AlertDirectory {
  route(counterId: string): Promise<IncidentRoute | undefined>;
  /** Inside the centre's opening hours at `at` (epoch ms). */
  isOpen(centreId: string, at: number): Promise<boolean>;
}

export interface CounterStatus {
  agentOnline: boolean;
  /** Latest health says scores should not be trusted. */
  degraded: boolean;
}

export interface CounterLiveness {
  counterId: string;
  online: boolean;
  /** When the current state began (for offline: the agent's offline time or the last health). */
  since: number;
}

/** Agent availability and counter health as ingest stored them. */
export interface CounterStatusSource {
  status(counterId: string, at: number): Promise<CounterStatus>;
  /** Every active counter that has ever reported, with its liveness at `at`. */
  liveness(at: number): Promise<CounterLiveness[]>;
}

/** Who asked for a test incident on a counter (the installer's phone gets the test SMS). */
export interface TestRequests {
  expect(counterId: string, requester: Recipient, until: number): void;
  take(counterId: string, at: number): Recipient | undefined;
}

export function createTestRequests(): TestRequests {
  const pending = new Map<string, { requester: Recipient; until: number }>();
  return {
    expect(counterId, requester, until) {
      pending.set(counterId, { requester, until });
    },
    take(counterId, at) {
      const entry = pending.get(counterId);
      if (entry === undefined) return undefined;
      pending.delete(counterId);
      return entry.until >= at ? entry.requester : undefined;
    },
  };
}
