import { type AgentRecord, getAgent, listAgents } from "../db/repos/agents-repo.js";
import type { SqlClient } from "../db/sql-client.js";

export interface AgentView extends AgentRecord {
  /** Online by its last availability/health, and heard from within `staleAfterMs`. */
  online: boolean;
}

export interface AgentRegistry {
  list(now?: number): Promise<AgentView[]>;
  get(agentId: string, now?: number): Promise<AgentView | undefined>;
}

/**
 * Read side of the agent registry; the ingest writes it (availability, last will, info, health). An agent
 * whose last message is older than `staleAfterMs` counts as offline even without a last will (a broker
 * restart can swallow it).
 */
export function createAgentRegistry(deps: { sql: SqlClient; staleAfterMs?: number }): AgentRegistry {
  const staleAfterMs = deps.staleAfterMs ?? 3 * 60_000;
  const view = (a: AgentRecord, now: number): AgentView => ({
    ...a,
    online: a.state === "online" && now - a.lastSeenAt <= staleAfterMs,
  });
  return {
    list: async (now = Date.now()) => (await listAgents(deps.sql)).map((a) => view(a, now)),
    get: async (agentId, now = Date.now()) => {
      const agent = await getAgent(deps.sql, agentId);
      return agent === undefined ? undefined : view(agent, now);
    },
  };
}
