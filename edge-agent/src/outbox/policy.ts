import type { OutboundEvent } from "../pipeline/types.js";

/**
 * Pure store-and-forward policy: which rows the outbox keeps when the quota is exceeded, and in what
 * order rows are delivered. No I/O; the SQLite adapter asks these functions and executes the answer.
 */

export type OutboundKind = OutboundEvent["kind"];

/** Incidents are the events behind an SMS: they outrank everything else when the disk quota bites. */
export const INCIDENT_PRIORITY = 1;
export const DEFAULT_PRIORITY = 0;

export function priorityOf(kind: OutboundKind): number {
  return kind === "incident" ? INCIDENT_PRIORITY : DEFAULT_PRIORITY;
}

/** What the eviction policy needs to know about a stored row. */
export interface EvictionCandidate {
  seq: number;
  priority: number;
  bytes: number;
}

/** Rows are evicted lowest priority first, oldest (smallest seq) first within a priority. */
export function compareForEviction(a: EvictionCandidate, b: EvictionCandidate): number {
  return a.priority - b.priority || a.seq - b.seq;
}

/**
 * Chooses the rows to drop so that at least `excessBytes` are freed: oldest non-incident rows first,
 * incidents only once nothing else is left. Returns their seqs (empty when nothing needs to go).
 */
export function selectEvictions(candidates: readonly EvictionCandidate[], excessBytes: number): number[] {
  if (excessBytes <= 0) return [];
  const ordered = [...candidates].sort(compareForEviction);
  const chosen: number[] = [];
  let freed = 0;
  for (const row of ordered) {
    if (freed >= excessBytes) break;
    chosen.push(row.seq);
    freed += row.bytes;
  }
  return chosen;
}

/** Bytes a row counts against the quota: what it will put on the wire, plus a fixed per-row overhead. */
export const ROW_OVERHEAD_BYTES = 64;

export function rowBytes(topic: string, payload: Uint8Array): number {
  return Buffer.byteLength(topic) + payload.byteLength + ROW_OVERHEAD_BYTES;
}

/**
 * How many more rows may be handed to the MQTT client: delivery is strictly in seq order with at most
 * `window` rows awaiting their PUBACK.
 */
export function freeSlots(inFlight: number, window: number): number {
  return Math.max(0, window - inFlight);
}
