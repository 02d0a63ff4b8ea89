import path from "node:path";
import { createHub, DEMO_PASSWORD, demoDirectorySeed, type Hub, HubConfigSchema } from "@hailong/central-hub";
import { createSilentLogger } from "@hailong/common";
import {
  AgentListResponseSchema,
  API_ROUTES,
  SessionInfoSchema,
  type StatsApiResponse,
  StatsApiResponseSchema,
  type TuningState,
  TuningStateSchema,
} from "@hailong/protocol";
import { hash } from "@node-rs/argon2";
import { buildDemoFrames, DEMO_SCRIPTS } from "../../../cli/src/demo/demo-frames.js";

/** The demo directory's angry counter: its agent plays an angry face long enough to raise an incident. */
export const E2E_AGENT_ID = "agent-bn-3";
export const E2E_COUNTER_ID = "bn-datdai-1";
export const E2E_PASSWORD = DEMO_PASSWORD;

export interface HubStack {
  httpUrl: string;
  mqttUrl: string;
  /** A new MQTT secret for an agent, issued by the hub. */
  issueAgentCredential(agentId: string): Promise<{ password: string }>;
  /** Frame folder the agent replays (face-api demo photos, angry script); "" when started with `frames: false`. */
  framesDir: string;
  /** GET /api/counters/:id/tuning as the installer, over real HTTP. */
  tuning(counterId: string): Promise<TuningState>;
  /** configVersion the agent reported in its retained info message, as the hub's registry shows it. */
  agentConfigVersion(agentId: string): Promise<number | null>;
  /** GET /api/agents/:id/stats as the installer: the agent's own report, including the tuning it runs. */
  agentStats(agentId: string): Promise<StatsApiResponse>;
  stop(): Promise<void>;
}

/** Signs in on the dashboards' login page as a demo account (the password every demo login shares). */
export async function loginCookie(httpUrl: string, username: string): Promise<string> {
  const response = await fetch(`${httpUrl}${API_ROUTES.login}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  SessionInfoSchema.parse(await response.json());
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error("login answered without a session cookie");
  return cookie.split(";")[0]!;
}

/**
 * The real hub composition (createHub: SQLite, embedded aedes, ingest, alerts with SMS to the log, SSE,
 * HTTP) on free ports, seeded with the demo directory, serving the built dashboards.
 */
export async function startHubStack(options: {
  workDir: string;
  dashboardsDir: string;
  /** Build the agent's replay frames (default true; tests without an agent skip it). */
  frames?: boolean;
  /** The hub config's `alerts:` section (cooldown, hourly cap...); defaults otherwise. */
  alerts?: Record<string, unknown>;
}): Promise<HubStack> {
  const config = HubConfigSchema.parse({
    db: { url: `sqlite:${path.join(options.workDir, "hub.sqlite")}` },
    mqtt: { embedded: { port: 0, host: "127.0.0.1" }, clientId: "hailong-e2e-hub" },
    http: { port: 0, host: "127.0.0.1", publicBaseUrl: "http://127.0.0.1" },
    alerts: options.alerts ?? {},
  });
  const hub: Hub = createHub({
    config,
    log: createSilentLogger(),
    env: {},
    seed: demoDirectorySeed(await hash(DEMO_PASSWORD)),
    dashboardsDir: options.dashboardsDir,
  });
  try {
    await hub.start();
  } catch (error) {
    await hub.stop();
    throw error;
  }
  const frames =
    options.frames === false
      ? new Map<string, string>()
      : await buildDemoFrames(
          path.join(options.workDir, "frames"),
          [{ counterId: E2E_COUNTER_ID, script: DEMO_SCRIPTS.angry! }],
          5,
        );
  const get = async <T>(username: string, route: string, parse: (json: unknown) => T): Promise<T> => {
    const cookie = await loginCookie(hub.httpUrl, username);
    const response = await fetch(`${hub.httpUrl}${route}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return parse(await response.json());
  };
  return {
    httpUrl: hub.httpUrl,
    mqttUrl: hub.mqttUrl,
    issueAgentCredential: (agentId) => hub.issueAgentCredential(agentId),
    framesDir: frames.get(E2E_COUNTER_ID) ?? "",
    tuning: (counterId) => get("installer", API_ROUTES.tuning(counterId), (j) => TuningStateSchema.parse(j)),
    agentConfigVersion: async (agentId) => {
      const list = await get("installer", API_ROUTES.agents, (j) => AgentListResponseSchema.parse(j));
      return list.agents.find((a) => a.agentId === agentId)?.configVersion ?? null;
    },
    agentStats: (agentId) => get("installer", API_ROUTES.agentStats(agentId), (j) => StatsApiResponseSchema.parse(j)),
    stop: () => hub.stop(),
  };
}
