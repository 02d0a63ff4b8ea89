import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHub, demoDirectorySeed, type Hub, HubConfigSchema } from "@hailong/central-hub";
import { createSilentLogger } from "@hailong/common";
import { runAgentCommand } from "@hailong/edge-agent";
import { createFaceAnalyzer, OFFLINE_MODEL_CHOICE } from "@hailong/models";
import { memoisedAnalyzer } from "../../../edge-agent/test/memoised-analyzer.js";
import { buildDemoFrames, type DemoScript } from "../../src/demo/demo-frames.js";

/**
 * A real hub (embedded broker, SQLite file, the demo directory, SMS logged) and one real agent per counter
 * whose folder camera plays a demo script through the real offline models, as fast as it is analysed (frame
 * clock, no drops). The models run once per distinct image (the scripts hold a handful of photos for minutes).
 * Resolves once every script has played and the hub has stored every visit's end.
 */
export interface AgentHubRun {
  hub: Hub;
  close(): Promise<void>;
}

const log = createSilentLogger();

export async function runScriptsThroughAgentAndHub(
  counters: Array<{ agentId: string; counterId: string; script: DemoScript }>,
  options: { fps: number; timeoutMs: number; alerts?: Record<string, unknown> },
): Promise<AgentHubRun> {
  const dir = await mkdtemp(join(tmpdir(), "hailong-agent-hub-"));
  const config = HubConfigSchema.parse({
    db: { url: `sqlite:${join(dir, "hub.sqlite")}` },
    mqtt: { embedded: { port: 0, host: "127.0.0.1" }, clientId: "hailong-test-hub" },
    http: { port: 0, host: "127.0.0.1", publicBaseUrl: "http://hub.test" },
    alerts: options.alerts ?? {},
  });
  // A constant hash: nobody logs in during these runs.
  const hub = createHub({ config, log, env: {}, seed: demoDirectorySeed("$argon2id$v=19$m=19456,t=2,p=1$x$y") });
  await hub.start();
  const frames = await buildDemoFrames(join(dir, "frames"), counters, options.fps);
  const analyzer = memoisedAnalyzer(await createFaceAnalyzer({ ...OFFLINE_MODEL_CHOICE, threads: 1 }));
  const stops: Array<() => void> = [];
  const runs: Array<Promise<number>> = [];
  for (const c of counters) {
    const configFile = join(dir, `${c.agentId}.yaml`);
    const agentConfig = {
      agentId: c.agentId,
      mqtt: { url: hub.mqttUrl, reconnectMs: 500 },
      stateDir: join(dir, "agents", c.agentId),
      models: { ...OFFLINE_MODEL_CHOICE },
      publish: { scoreWindowMs: 10_000, healthEveryMs: 1_000 },
      counters: [
        {
          id: c.counterId,
          camera: { type: "folder", dir: frames.get(c.counterId), fps: options.fps, realtime: false },
        },
      ],
    };
    await writeFile(configFile, JSON.stringify(agentConfig, null, 2));
    const until = new Promise<void>((resolve) => stops.push(resolve));
    // The embedded broker requires each agent's issued secret (as in the demo).
    const env = { HAILONG_MQTT_PASSWORD: (await hub.issueAgentCredential(c.agentId)).password };
    runs.push(runAgentCommand({ configFile, env, logger: log, until, analyzer }));
  }
  const close = async () => {
    for (const stop of stops) stop();
    await Promise.allSettled(runs);
    await hub.stop();
    await analyzer.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForEndedVisits(hub, counters.length, options.timeoutMs);
  } catch (error) {
    await close();
    throw error;
  }
  return { hub, close };
}

/** Done when every counter's camera reported its folder ended and no visit is still open at the hub. */
async function waitForEndedVisits(hub: Hub, counters: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [ended] = await hub.db.sql.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM health_latest WHERE camera_state = 'ended'",
    );
    const [open] = await hub.db.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM visits WHERE ended_at IS NULL");
    if (Number(ended?.n ?? 0) >= counters && Number(open?.n ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`the agents did not finish their scripts within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
