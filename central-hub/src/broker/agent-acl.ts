import type { Topics } from "@hailong/protocol";

/**
 * What an agent may do on the broker: publish under its own agent id (availability, info, responses) and on
 * the counters the directory assigns to it; subscribe to its own requests only. Pure: the embedded broker
 * asks it per packet, the Mosquitto ACL writer spells the same rules as text.
 */
export function agentMayPublish(
  topics: Topics,
  agentId: string,
  counters: ReadonlySet<string>,
  topic: string,
): boolean {
  const parsed = topics.parse(topic);
  if (parsed === undefined || parsed.kind === "request") return false;
  if ("agentId" in parsed) return parsed.agentId === agentId;
  return counters.has(parsed.counterId);
}

export function agentMaySubscribe(topics: Topics, agentId: string, filter: string): boolean {
  if (filter === topics.filters.agentRequests(agentId)) return true;
  const parsed = topics.parse(filter);
  return parsed?.kind === "request" && parsed.agentId === agentId;
}

/** The counters assigned to `agentId` in a counter -> agent map. */
export function countersOf(assignments: ReadonlyMap<string, string>, agentId: string): Set<string> {
  const counters = new Set<string>();
  for (const [counterId, owner] of assignments) if (owner === agentId) counters.add(counterId);
  return counters;
}
