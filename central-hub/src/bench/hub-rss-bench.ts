import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createSilentLogger } from "@hailong/common";
import { hash } from "@node-rs/argon2";
import { createHub, type Hub } from "../app/create-hub.js";
import { HubConfigSchema } from "../config/schema.js";
import { listAgents } from "../db/repos/agents-repo.js";
import { latestHealth } from "../db/repos/health-repo.js";
import type { DirectorySeed } from "../directory/model.js";
import { PERSON_DELIVERY_DEFAULTS } from "../directory/model.js";

export interface HubRssBenchOptions {
  counters: number;
  countersPerCentre: number;
  /** Agents online, each serving counters/agents counters; the rest of the counters have no agent. */
  agents: number;
  /** "mosquitto" (private, deploy/mosquitto.conf), "aedes" (embedded in the hub, counted in its RSS) or a URL. */
  broker: string;
  /** How long the hub runs with the agents online after they announced themselves. */
  seconds: number;
  healthS: number;
}

const FIELDS = ["ho-tich", "dat-dai", "xay-dung"] as const;
const DECK = fileURLToPath(new URL("../../../deploy/mosquitto.conf", import.meta.url));
const MB = 1e6;
const PASSWORD = "bench-only-password";

/** 300 centres of 10 counters (by default), a department per field, a leader and department heads. */
export function benchDirectory(
  counters: number,
  perCentre: number,
  adminPasswordHash: string,
  agentOf: (counterIndex: number) => string,
): DirectorySeed {
  const centres = Math.ceil(counters / perCentre);
  const hours = { mon: [["07:30", "17:00"]], tue: [["07:30", "17:00"]], wed: [["07:30", "17:00"]] };
  const seed: DirectorySeed = {
    wards: [],
    centres: [],
    departments: [],
    counters: [],
    people: [],
    officials: [],
    roster: [],
  };
  seed.people.push({
    id: "bench-admin",
    role: "admin",
    name: "Bench admin",
    username: "bench-admin",
    passwordHash: adminPasswordHash,
    escalationRank: 0,
    active: true,
    ...PERSON_DELIVERY_DEFAULTS,
  });
  for (let c = 0; c < centres; c++) {
    const centreId = `centre-${c}`;
    seed.centres.push({ id: centreId, name: `TT HCC ${c}`, openingHours: hours as never });
    seed.people.push({
      id: `leader-${c}`,
      centreId,
      role: "centre_leader",
      name: `Leader ${c}`,
      phone: `+8490${String(c).padStart(7, "0")}`,
      escalationRank: 0,
      active: true,
      ...PERSON_DELIVERY_DEFAULTS,
    });
    for (const [f, field] of FIELDS.entries()) {
      seed.departments.push({ id: `${centreId}-${field}`, centreId, field, name: field });
      seed.people.push({
        id: `head-${c}-${f}`,
        centreId,
        departmentId: `${centreId}-${field}`,
        role: "department_head",
        name: `Head ${c}.${f}`,
        phone: `+8491${String(c * 3 + f).padStart(7, "0")}`,
        escalationRank: 0,
        active: true,
        ...PERSON_DELIVERY_DEFAULTS,
      });
    }
  }
  for (let i = 0; i < counters; i++) {
    const centreId = `centre-${Math.floor(i / perCentre)}`;
    seed.counters.push({
      id: `ctr-${i}`,
      centreId,
      field: FIELDS[i % FIELDS.length] as string,
      name: `Quầy ${i}`,
      agentId: agentOf(i),
      active: true,
    } as never);
  }
  return seed;
}

/**
 * `hailong bench hub --counters N`: a whole hub (ingest, alerts, SMS worker, HTTP API) with N counters in
 * its directory and `agents` simulated agents online in a child process, so the hub's resident memory is
 * measured without theirs.
 */
export async function runHubRssBench(o: HubRssBenchOptions, print: (line: string) => void = console.log) {
  const workDir = mkdtempSync(join(tmpdir(), "hailong-bench-rss-"));
  const cleanups: Array<() => Promise<void> | void> = [];
  const rss = () => process.memoryUsage().rss;
  const baseline = rss();
  try {
    const brokerUrl = await startBenchBroker(o.broker, workDir, cleanups);
    const config = HubConfigSchema.parse({
      mqtt: brokerUrl === undefined ? { embedded: { port: 0, host: "127.0.0.1" } } : { url: brokerUrl },
      db: { url: `sqlite:${join(workDir, "hub.sqlite")}` },
      http: { port: 0, host: "127.0.0.1" },
    });
    const perAgent = Math.max(1, Math.floor(o.counters / Math.max(1, o.agents)));
    const seed = benchDirectory(
      o.counters,
      o.countersPerCentre,
      await hash(PASSWORD),
      (i) => `agent-${Math.floor(i / perAgent)}`,
    );
    const hub = createHub({ config, log: createSilentLogger(), env: {}, seed });
    await hub.start();
    cleanups.unshift(() => hub.stop());
    const started = rss();
    print(
      `hub started: ${o.counters} counters in ${seed.centres.length} centres, broker ${o.broker}; ` +
        `rss ${(baseline / MB).toFixed(0)} MB before, ${(started / MB).toFixed(0)} MB after start`,
    );

    const swarm = await startSwarm(hub, o, perAgent, cleanups);
    const announcing = Date.now();
    await waitForLine(swarm, "ready");
    print(
      `${o.agents} agents online (${perAgent} counters each) in ${((Date.now() - announcing) / 1000).toFixed(1)} s; ` +
        `rss ${(rss() / MB).toFixed(0)} MB`,
    );

    const { reads, peak } = await readDashboards(hub, o.seconds, print);
    const agentsSeen = (await listAgents(hub.db.sql)).filter((a) => a.state === "online").length;
    const healthCounters = (await latestHealth(hub.db.sql)).length;
    print(
      `after ${o.seconds} s: ${agentsSeen} agents online in the registry, health from ${healthCounters} counters, ` +
        `${reads} rounds of dashboard reads`,
    );
    print(
      `hub rss ${(rss() / MB).toFixed(0)} MB now, peak ${(peak / MB).toFixed(0)} MB (heap used ${(process.memoryUsage().heapUsed / MB).toFixed(0)} MB)`,
    );
  } finally {
    for (const cleanup of cleanups) await cleanup();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The bench's broker: a Mosquitto started here, an external URL, or undefined for the hub's embedded aedes. */
async function startBenchBroker(
  broker: string,
  workDir: string,
  cleanups: Array<() => Promise<void> | void>,
): Promise<string | undefined> {
  let brokerUrl: string | undefined;
  if (broker === "mosquitto") {
    const { startMosquitto } = await import("./mosquitto-process.js");
    const mosquitto = await startMosquitto({ confFile: DECK, workDir });
    cleanups.unshift(() => mosquitto.stop());
    brokerUrl = mosquitto.url;
  } else if (broker !== "aedes") brokerUrl = broker;
  return brokerUrl;
}

/** The simulated agents, in a child process so their memory is not the hub's. */
async function startSwarm(
  hub: Hub,
  o: HubRssBenchOptions,
  perAgent: number,
  cleanups: Array<() => Promise<void> | void>,
): Promise<ChildProcess> {
  const agents = Array.from({ length: o.agents }, (_, a) => ({
    agentId: `agent-${a}`,
    counters: Array.from({ length: perAgent }, (_, k) => `ctr-${a * perAgent + k}`).filter(
      (id) => Number(id.slice(4)) < o.counters,
    ),
  }));
  const swarm = spawn(
    process.execPath,
    [
      fileURLToPath(new URL("./agent-swarm.mjs", import.meta.url)),
      JSON.stringify({
        brokerUrl: hub.mqttUrl,
        agents: await Promise.all(
          agents.map(async (a) => ({ ...a, password: (await hub.issueAgentCredential(a.agentId)).password })),
        ),
        healthS: o.healthS,
      }),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  cleanups.unshift(() => stopChild(swarm));
  return swarm;
}

/** Dashboard reads over the whole city for `seconds` while agents keep reporting: login, tiles, a year's trend. */
async function readDashboards(hub: Hub, seconds: number, print: (line: string) => void) {
  const rss = () => process.memoryUsage().rss;
  const cookie = await login(hub.httpUrl);
  let peak = rss();
  const end = Date.now() + seconds * 1000;
  let reads = 0;
  while (Date.now() < end) {
    await get(hub.httpUrl, "/api/live/tiles", cookie);
    const to = Date.now();
    await get(
      hub.httpUrl,
      `/api/trends?scope=centre&id=centre-0&period=month&from=${to - 365 * 86_400_000}&to=${to}`,
      cookie,
    );
    reads++;
    peak = Math.max(peak, rss());
    if (reads === 1 || reads % 15 === 0) {
      const heap = process.memoryUsage().heapUsed;
      print(
        `after ${reads} rounds of city-wide tiles and trend: rss ${(rss() / MB).toFixed(0)} MB, heap ${(heap / MB).toFixed(0)} MB`,
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { reads, peak };
}

async function waitForLine(child: ChildProcess, line: string): Promise<void> {
  if (!child.stdout) throw new Error("child has no stdout");
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`agent swarm exited with ${String(code)}`);
  });
  const ready = (async () => {
    for await (const l of lines) if (l.trim() === line) return;
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bench-admin", password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`bench login failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function get(baseUrl: string, path: string, cookie: string): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  await response.arrayBuffer();
}
