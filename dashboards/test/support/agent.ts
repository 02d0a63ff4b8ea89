import { writeFileSync } from "node:fs";
import path from "node:path";
import { createSilentLogger } from "@hailong/common";
import { runAgentCommand } from "@hailong/edge-agent";
import { createFaceAnalyzer, OFFLINE_MODEL_CHOICE } from "@hailong/models";

/**
 * A real edge agent (runAgentCommand: config file -> analyzer -> counter pipeline -> MQTT agent) playing a
 * folder of frames built from the face-api demo photos. The npm-only models (BlazeFace + mini-Xception)
 * are the ones the demo frames were picked with, so the "angry" stretch raises an incident.
 */
export async function startRealAgent(options: {
  workDir: string;
  agentId: string;
  counterId: string;
  framesDir: string;
  mqttUrl: string;
  /** The agent's MQTT secret (username: its agent id). */
  mqttPassword: string;
  baseTopic?: string;
}): Promise<{ stop: () => Promise<void>; exitCode: Promise<number> }> {
  const configFile = path.join(options.workDir, `${options.agentId}.yaml`);
  const config = {
    agentId: options.agentId,
    mqtt: { url: options.mqttUrl, baseTopic: options.baseTopic ?? "hailong", reconnectMs: 200, keepaliveS: 10 },
    stateDir: path.join(options.workDir, `${options.agentId}-state`),
    outbox: { flushOnStopMs: 500 },
    publish: { scoreWindowMs: 2000, healthEveryMs: 2000 },
    counters: [
      {
        id: options.counterId,
        camera: { type: "folder", dir: options.framesDir, fps: 5, loop: true, realtime: true },
        visit: { startFrames: 2, endAfterMs: 2000, updateEveryMs: 1000 },
      },
    ],
  };
  // JSON is valid YAML: the agent reads the file exactly as an installer's config.
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const analyzer = await createFaceAnalyzer({ ...OFFLINE_MODEL_CHOICE, threads: 1 });
  let release: () => void = () => undefined;
  const until = new Promise<void>((resolve) => {
    release = resolve;
  });
  const exitCode = runAgentCommand({
    configFile,
    env: { HAILONG_MQTT_PASSWORD: options.mqttPassword },
    logger: createSilentLogger(),
    until,
    analyzer,
  });
  let stopped: Promise<void> | undefined;
  return {
    exitCode,
    // Idempotent: a test may stop the agent on purpose before afterAll does.
    stop: () => {
      stopped ??= (async () => {
        release();
        await exitCode;
        await analyzer.close();
      })();
      return stopped;
    },
  };
}
