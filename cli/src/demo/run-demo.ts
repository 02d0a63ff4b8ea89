import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createHub,
  DEMO_LOGINS,
  DEMO_PASSWORD,
  demoDirectorySeed,
  type Hub,
  HubConfigSchema,
} from "@hailong/central-hub";
import type { Logger } from "@hailong/common";
import { runAgentCommand } from "@hailong/edge-agent";
import { OFFLINE_MODEL_CHOICE } from "@hailong/models";
import { hash } from "@node-rs/argon2";
import { buildDemoFrames, DEMO_SCRIPTS, type DemoScript } from "./demo-frames.js";
import { DEMO_HISTORY_COUNTERS, demoHistory } from "./demo-history.js";
import { publishHistory } from "./publish-history.js";

export interface DemoOptions {
  log: Logger;
  /** Dashboard/API port (0: a free one). */
  httpPort: number;
  /** Embedded broker port (0: a free one). */
  mqttPort: number;
  dashboardsDir?: string;
  /** Frames per second each demo camera plays. */
  fps?: number;
  /** Keep the temp folder (database, frames) after stop. */
  keep?: boolean;
  /** Agents' log (defaults to `log`); the demo smoke test passes a quieter one. */
  agentLog?: Logger;
  /** The hub's environment (HAILONG_MQTT_PASSWORD: its own broker login); empty by default. */
  env?: NodeJS.ProcessEnv;
  /** Days of invented history published through the hub's ingest before the cameras start (default 90, 0: none). */
  historyDays?: number;
}

export interface Demo {
  hub: Hub;
  dir: string;
  /** The MQTT passwords the demo's agents were issued: what no log line may contain. */
  agentSecrets: readonly string[];
  stop(): Promise<void>;
}

const DEMO_AGENTS: Array<{ agentId: string; counterId: string; script: DemoScript }> = [
  { agentId: "agent-bn-1", counterId: "bn-hotich-1", script: DEMO_SCRIPTS.happy as DemoScript },
  { agentId: "agent-bn-2", counterId: "bn-hotich-2", script: DEMO_SCRIPTS.mixed as DemoScript },
  { agentId: "agent-bn-3", counterId: "bn-datdai-1", script: DEMO_SCRIPTS.angry as DemoScript },
];

/**
 * `hailong demo`: a hub (embedded broker, SQLite in a temp folder, SMS to the log, the demo directory)
 * and three in-process edge agents whose cameras replay face photos shipped by npm packages. One counter
 * shows an angry face long enough to raise an incident and its SMS.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { log } = options;
  const fps = options.fps ?? 5;
  const dir = await mkdtemp(join(tmpdir(), "hailong-demo-"));
  const config = HubConfigSchema.parse({
    db: { url: `sqlite:${join(dir, "hub.sqlite")}` },
    mqtt: { embedded: { port: options.mqttPort, host: "127.0.0.1" }, clientId: "hailong-demo-hub" },
    http: {
      port: options.httpPort,
      host: "0.0.0.0",
      publicBaseUrl: `http://localhost:${options.httpPort || 8080}`,
      apiDocs: "public",
    },
    alerts: { cooldownMinutes: 1 },
  });
  const hub = createHub({
    config,
    log,
    env: options.env ?? {},
    seed: demoDirectorySeed(await hash(DEMO_PASSWORD)),
    ...(options.dashboardsDir ? { dashboardsDir: options.dashboardsDir } : {}),
  });
  await hub.start();
  const frames = await buildDemoFrames(join(dir, "frames"), DEMO_AGENTS, fps);
  const stopAgents: (() => void)[] = [];
  const agentRuns: Array<Promise<number>> = [];
  const agentSecrets: string[] = [];
  // Each demo agent gets its own generated MQTT secret, as `hailong hub agent-credentials` issues one.
  const passwords = new Map<string, string>();
  for (const a of DEMO_AGENTS) passwords.set(a.agentId, (await hub.issueAgentCredential(a.agentId)).password);
  const historyDays = options.historyDays ?? 90;
  if (historyDays > 0) {
    const messages = demoHistory({ counters: DEMO_HISTORY_COUNTERS, days: historyDays, now: Date.now() });
    const published = await publishHistory({
      mqttUrl: hub.mqttUrl,
      messages,
      passwordOf: async (agentId) => passwords.get(agentId) ?? (await hub.issueAgentCredential(agentId)).password,
    });
    log.info({ days: historyDays, messages: published }, "demo history published");
  }
  for (const a of DEMO_AGENTS) {
    const configFile = join(dir, `${a.agentId}.yaml`);
    const agentConfig = {
      agentId: a.agentId,
      mqtt: { url: hub.mqttUrl, reconnectMs: 500 },
      stateDir: join(dir, "agents", a.agentId),
      // The npm-only default set, pinned so the demo behaves the same whether or not downloads are installed
      // (the face choice in demo-frames.ts was checked with it).
      models: { ...OFFLINE_MODEL_CHOICE },
      publish: { scoreWindowMs: 10_000, healthEveryMs: 5_000 },
      counters: [{ id: a.counterId, camera: { type: "folder", dir: frames.get(a.counterId), fps, loop: true } }],
    };
    // JSON is YAML: the agent reads its usual config file.
    await writeFile(configFile, JSON.stringify(agentConfig, null, 2));
    const until = new Promise<void>((resolve) => stopAgents.push(resolve));
    const password = passwords.get(a.agentId) as string;
    agentSecrets.push(password);
    const env = { HAILONG_MQTT_PASSWORD: password };
    agentRuns.push(runAgentCommand({ configFile, env, logger: options.agentLog ?? log, until }));
  }
  log.info({ agents: DEMO_AGENTS.length, dir }, "demo agents started");
  return {
    hub,
    dir,
    agentSecrets,
    async stop() {
      for (const stop of stopAgents) stop();
      const results = await Promise.allSettled(agentRuns);
      for (const r of results) if (r.status === "rejected") log.error({ err: r.reason }, "demo agent failed");
      await hub.stop();
      if (!options.keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function demoBanner(httpUrl: string): string {
  const logins = DEMO_LOGINS.map((u) => `    ${u.padEnd(13)} / ${DEMO_PASSWORD}`).join("\n");
  return `
  hailong demo is running
  Dashboard:  ${httpUrl}
  API docs:   ${httpUrl}/api/docs
  Logins:
${logins}
  Counter "Quầy Đất đai 1" shows an irritated citizen every ~21 s: watch the incident and the SMS (logged).
  Ctrl+C stops the demo.
`;
}
