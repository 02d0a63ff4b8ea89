import { readFileSync } from "node:fs";
import { createLogger, isHailongError, type Logger, loadConfig } from "@hailong/common";
import { type FaceAnalyzer, MODEL_KIND_ROLE, type ModelManifest } from "@hailong/models";
import { type AgentConfig, AgentConfigSchema } from "./config/schema.js";
import { type Agent, agentMqttLink, createAgent, type ModelRef } from "./mqtt/agent.js";
import { createCounterPipelines } from "./pipeline/create-counter-pipeline.js";
import type { CounterPipeline } from "./pipeline/types.js";
import { loadFaceAnalyzer } from "./vision/load-analyzer.js";

/** Exit code for a config the agent cannot run with (same as a usage error). */
export const CONFIG_EXIT_CODE = 2;

/** Reads and validates the agent YAML (+ HAILONG_A__B env overrides); throws one ConfigError naming file and key. */
export function loadAgentConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  return loadConfig({ file, schema: AgentConfigSchema, env });
}

export function agentVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** The models an analyzer runs, for the retained `info` message (their manifests carry the sha256). */
export function modelRefs(analyzer: FaceAnalyzer): ModelRef[] {
  const manifests = (analyzer as Partial<{ manifests: ReadonlyArray<Pick<ModelManifest, "id" | "kind" | "sha256">> }>)
    .manifests;
  return (manifests ?? []).map((m) => ({ id: m.id, kind: MODEL_KIND_ROLE[m.kind], sha256: m.sha256 }));
}

export interface RunAgentOptions {
  configFile: string;
  env?: NodeJS.ProcessEnv;
  stderr?: { write(text: string): unknown };
  logger?: Logger;
  /** Resolves when the agent should stop; defaults to the first SIGINT/SIGTERM. */
  until?: Promise<unknown>;
  /** Injected analyzer (tests); defaults to the models named in the config. */
  analyzer?: FaceAnalyzer;
}

/**
 * Composition root of `hailong agent --config file`: config -> analyzer -> one pipeline per counter ->
 * agent; runs until SIGINT/SIGTERM, then stops gracefully. Returns the exit code, never exits itself.
 */
export async function runAgentCommand(options: RunAgentOptions): Promise<number> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? process.stderr;
  const invalidConfig = (error: unknown): number => {
    if (!isHailongError(error) || error.code !== "HAILONG_ERR_CONFIG") throw error;
    stderr.write(`hailong agent: invalid config: ${error.message}\n`);
    return CONFIG_EXIT_CODE;
  };
  let config: AgentConfig;
  try {
    config = loadAgentConfig(options.configFile, env);
  } catch (error) {
    return invalidConfig(error);
  }
  const logger = options.logger ?? createLogger({ name: "hailong-agent" });
  const analyzer = options.analyzer ?? (await loadFaceAnalyzer(config.models));
  let agent: Agent | undefined;
  const configVersion = () => agent?.status().configVersion ?? 0;
  const pipelines: CounterPipeline[] = createCounterPipelines(config, analyzer, { logger, configVersion });
  agent = createAgent({
    config,
    pipelines,
    models: modelRefs(analyzer),
    agentVersion: agentVersion(),
    logger,
    link: agentMqttLink(config, env),
  });
  const stopSignal = options.until ?? firstSignal(logger);
  try {
    // A corrupt stateDir/remote-config.json surfaces here, as a ConfigError naming that file.
    await agent.start();
    await stopSignal;
  } catch (error) {
    return invalidConfig(error);
  } finally {
    await agent.stop();
    if (options.analyzer === undefined) await analyzer.close();
  }
  return 0;
}

function firstSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      logger.info({ signal }, "stopping agent");
      // A second signal during the graceful stop falls through to Node's default: exit now.
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
