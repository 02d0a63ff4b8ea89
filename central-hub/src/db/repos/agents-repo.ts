import type { AgentInfoMessage, AvailabilityMessage } from "@hailong/protocol";
import type { SqlClient } from "../sql-client.js";

export type AgentState = "online" | "offline" | "unknown";

export interface AgentRecord {
  agentId: string;
  state: AgentState;
  stateAt: number;
  lastSeenAt: number;
  agentVersion: string | null;
  models: AgentInfoMessage["models"];
  counters: string[];
  configHash: string | null;
  configVersion: number | null;
  startedAt: number | null;
  infoAt: number;
}

/** A change of an agent's online state, reported to hooks after the batch commits. */
export interface AgentStateChange {
  agentId: string;
  previous: AgentState;
  state: "online" | "offline";
  at: number;
  /** What told us: the agent's availability message (or its last will) or a health message. */
  source: "availability" | "health";
}

interface Row {
  agent_id: string;
  state: AgentState;
  state_at: number;
  last_seen_at: number;
  agent_version: string | null;
  models: string | null;
  counters: string | null;
  config_hash: string | null;
  config_version: number | null;
  started_at: number | null;
  info_at: number;
}

async function current(sql: SqlClient, agentId: string): Promise<Row | undefined> {
  const [row] = await sql.query<Row>("SELECT * FROM agents WHERE agent_id = ?", [agentId]);
  return row;
}

async function ensure(sql: SqlClient, agentId: string): Promise<Row> {
  await sql.execute("INSERT INTO agents (agent_id) VALUES (?) ON CONFLICT (agent_id) DO NOTHING", [agentId]);
  const row = await current(sql, agentId);
  if (row === undefined) throw new Error(`agent ${agentId} vanished`);
  return row;
}

/** Sets the state unless a newer state is stored; returns the change, if any. */
export async function applyStateSignal(
  sql: SqlClient,
  signal: { agentId: string; state: "online" | "offline"; ts: number; source: AgentStateChange["source"] },
): Promise<AgentStateChange | undefined> {
  const row = await ensure(sql, signal.agentId);
  const seen = signal.state === "online" ? Math.max(row.last_seen_at, signal.ts) : row.last_seen_at;
  // A health message only proves the agent is up; it never overrides a newer offline state.
  if (signal.ts < row.state_at || (signal.source === "health" && signal.ts <= row.state_at)) {
    if (seen !== row.last_seen_at) await touch(sql, signal.agentId, seen);
    return undefined;
  }
  // state_at is the time of the last transition (for an online agent: its session's stamp, which its last will
  // repeats), so signals that only confirm the state must not move it, or the will would look stale.
  if (row.state === signal.state) {
    if (seen !== row.last_seen_at) await touch(sql, signal.agentId, seen);
    return undefined;
  }
  await sql.execute("UPDATE agents SET state = ?, state_at = ?, last_seen_at = ? WHERE agent_id = ?", [
    signal.state,
    signal.ts,
    seen,
    signal.agentId,
  ]);
  return { agentId: signal.agentId, previous: row.state, state: signal.state, at: signal.ts, source: signal.source };
}

async function touch(sql: SqlClient, agentId: string, lastSeenAt: number): Promise<void> {
  await sql.execute("UPDATE agents SET last_seen_at = ? WHERE agent_id = ? AND last_seen_at < ?", [
    lastSeenAt,
    agentId,
    lastSeenAt,
  ]);
}

export function availabilitySignal(m: AvailabilityMessage) {
  return { agentId: m.agentId, state: m.state, ts: m.ts, source: "availability" as const };
}

/** Stores the agent's retained info (versions, models, config hash) unless a newer one is stored. */
export async function applyInfo(sql: SqlClient, m: AgentInfoMessage): Promise<void> {
  await ensure(sql, m.agentId);
  await sql.execute(
    `UPDATE agents SET agent_version = ?, models = ?, counters = ?, config_hash = ?, config_version = ?,
       started_at = ?, info_at = ? WHERE agent_id = ? AND info_at <= ?`,
    [
      m.agentVersion,
      JSON.stringify(m.models),
      JSON.stringify(m.counters),
      m.configHash,
      m.configVersion,
      m.startedAt,
      m.ts,
      m.agentId,
      m.ts,
    ],
  );
}

function toRecord(r: Row): AgentRecord {
  return {
    agentId: r.agent_id,
    state: r.state,
    stateAt: r.state_at,
    lastSeenAt: r.last_seen_at,
    agentVersion: r.agent_version,
    models: r.models === null ? [] : (JSON.parse(r.models) as AgentRecord["models"]),
    counters: r.counters === null ? [] : (JSON.parse(r.counters) as string[]),
    configHash: r.config_hash,
    configVersion: r.config_version,
    startedAt: r.started_at,
    infoAt: r.info_at,
  };
}

export async function listAgents(sql: SqlClient): Promise<AgentRecord[]> {
  return (await sql.query<Row>("SELECT * FROM agents ORDER BY agent_id")).map(toRecord);
}

export async function getAgent(sql: SqlClient, agentId: string): Promise<AgentRecord | undefined> {
  const row = await current(sql, agentId);
  return row === undefined ? undefined : toRecord(row);
}
