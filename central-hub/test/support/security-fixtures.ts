import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSilentLogger } from "@hailong/common";
import { createTopics, encode, type IncidentMessage, newId, type VisitEvent } from "@hailong/protocol";
import { hash } from "@node-rs/argon2";
import { createHub, type Hub } from "../../src/app/create-hub.js";
import { HubConfigSchema } from "../../src/config/schema.js";
import type { SqlClient } from "../../src/db/sql-client.js";
import type { DirectorySeed } from "../../src/directory/model.js";
import { PERSON_DELIVERY_DEFAULTS } from "../../src/directory/model.js";

export const AGENT_A = "agent-a";
export const AGENT_B = "agent-b";
export const COUNTER_A = "ctr-a";
export const COUNTER_B = "ctr-b";
/** In the directory, assigned to no agent. */
export const COUNTER_FREE = "ctr-free";
export const ADMIN = { username: "admin", password: "pw-sec" };
export const topics = createTopics("hailong");

const ALWAYS = [["00:00", "23:59"]] as Array<[string, string]>;
const hours = { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS };

/** One centre open around the clock, three counters (A's, B's, nobody's) and a leader who gets SMS. */
export async function securitySeed(): Promise<DirectorySeed> {
  const counter = (id: string, agentId?: string) => ({
    id,
    centreId: "centre",
    field: "ho-tich",
    name: `Quầy ${id}`,
    ...(agentId ? { agentId } : {}),
    active: true,
  });
  return {
    wards: [],
    officials: [],
    roster: [],
    centres: [{ id: "centre", name: "Trung tâm thử", openingHours: hours }],
    departments: [{ id: "dept", centreId: "centre", field: "ho-tich", name: "Bộ phận Hộ tịch" }],
    counters: [counter(COUNTER_A, AGENT_A), counter(COUNTER_B, AGENT_B), counter(COUNTER_FREE)],
    people: [
      {
        id: "p-admin",
        role: "admin",
        name: "Quản trị",
        username: ADMIN.username,
        passwordHash: await hash(ADMIN.password),
        escalationRank: 0,
        active: true,
        ...PERSON_DELIVERY_DEFAULTS,
      },
      {
        id: "p-leader",
        centreId: "centre",
        role: "centre_leader",
        name: "Lãnh đạo",
        phone: "+84901234567",
        escalationRank: 0,
        active: true,
        ...PERSON_DELIVERY_DEFAULTS,
      },
    ],
  } as DirectorySeed;
}

/**
 * A hub (not started) on `mqttUrl` as the security tests run it: SQLite and its ingest journal in `dir`, any HTTP
 * port, the hub's MQTT password "hub-pw", the security seed's directory.
 */
export async function securedHub(dir: string, mqttUrl: string, clientId: string): Promise<Hub> {
  const config = HubConfigSchema.parse({
    db: { url: `sqlite:${join(dir, "hub.sqlite")}` },
    mqtt: { url: mqttUrl, clientId, journalDir: join(dir, "journal") },
    http: { port: 0, host: "127.0.0.1" },
  });
  return createHub({
    config,
    log: createSilentLogger(),
    env: { HAILONG_MQTT_PASSWORD: "hub-pw" },
    seed: await securitySeed(),
  });
}

export function incidentFrom(
  agentId: string,
  counterId: string,
  now = Date.now(),
  visitId = newId(now),
): { topic: string; payload: Buffer; incident: IncidentMessage } {
  const incident: IncidentMessage = {
    v: 1,
    id: newId(now),
    agentId,
    counterId,
    ts: now,
    incidentId: newId(now),
    visitId,
    onset: now - 3_000,
    peak: 0.8,
    peakAt: now - 1_000,
    durationMs: 2_500,
    threshold: 0.5,
    test: false,
  };
  return { topic: topics.counter(counterId, "incident"), payload: Buffer.from(encode("incident", incident)), incident };
}

export function visitFrom(agentId: string, counterId: string, now = Date.now()): { topic: string; payload: Buffer } {
  const visit: VisitEvent = {
    v: 1,
    id: newId(now),
    agentId,
    counterId,
    ts: now,
    kind: "end",
    visitId: newId(now),
    seq: 1,
    startedAt: now - 20_000,
    endedAt: now,
    durationMs: 20_000,
    frames: 100,
    shares: { very_satisfied: 0, satisfied: 0.5, neutral: 0.5, dissatisfied: 0 },
    score: 70,
    level: "satisfied",
  };
  return { topic: topics.counter(counterId, "visit"), payload: Buffer.from(encode("visit", visit)) };
}

/** What a message from a rogue agent must never produce, and what a good one does. */
export async function outcomes(sql: SqlClient): Promise<{
  incidents: number;
  alerts: number;
  sms: number;
  visits: number;
  deadLetters: Array<{ reason: string; topic: string }>;
}> {
  const count = async (table: string) =>
    Number((await sql.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? 0);
  return {
    incidents: await count("incidents"),
    alerts: await count("alerts"),
    sms: await count("sms_outbox"),
    visits: await count("visits"),
    deadLetters: await sql.query<{ reason: string; topic: string }>("SELECT reason, topic FROM dead_letters"),
  };
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
