import { COUNTER_CHANNELS, createTopics, REQUEST_ACTIONS } from "@hailong/protocol";
import { countersOf } from "./agent-acl.js";

/**
 * Mosquitto's acl_file for the directory: the hub reads and writes everything under the base topic; each agent
 * writes its own availability, info, responses and its assigned counters, and reads its own requests — the
 * rules of agent-acl.ts, spelled for Mosquitto. Agents without a counter still get their own topics.
 */
export function mosquittoAcl(input: {
  baseTopic: string;
  hubUsername: string;
  /** Counter id -> agent id. */
  assignments: ReadonlyMap<string, string>;
  /** Agents with credentials, whether or not they have counters yet. */
  agents: readonly string[];
}): string {
  const topics = createTopics(input.baseTopic);
  const agents = [...new Set([...input.agents, ...input.assignments.values()])].sort();
  const lines = [
    "# Written by `hailong broker acl` from the hub's directory; rewrite it after counters move between agents.",
    `user ${input.hubUsername}`,
    `topic readwrite ${topics.base}/#`,
  ];
  for (const agentId of agents) {
    lines.push("", `user ${agentId}`);
    lines.push(`topic write ${topics.agentAvailability(agentId)}`, `topic write ${topics.agentInfo(agentId)}`);
    for (const action of REQUEST_ACTIONS) lines.push(`topic write ${topics.response(agentId, action)}`);
    lines.push(`topic read ${topics.filters.agentRequests(agentId)}`);
    for (const counterId of [...countersOf(input.assignments, agentId)].sort()) {
      for (const channel of COUNTER_CHANNELS) lines.push(`topic write ${topics.counter(counterId, channel)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
