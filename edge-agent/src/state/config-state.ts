import type { CounterTuning } from "@hailong/protocol";
import type { AgentConfig } from "../config/schema.js";
import { configHash } from "./config-hash.js";
import {
  EMPTY_REMOTE_CONFIG,
  overlayRemoteConfig,
  type RemoteConfig,
  readRemoteConfig,
  writeRemoteConfig,
} from "./remote-config.js";

export interface RunningConfig {
  /** File config with pushed tuning laid over it. */
  config: AgentConfig;
  configVersion: number;
  configHash: string;
}

/** The agent's running config and its persisted remote part. */
export interface ConfigState {
  /** Reads `stateDir/remote-config.json` (I/O); call once from start(). */
  load(): RunningConfig;
  current(): RunningConfig;
  /** Persists a validated push atomically, then makes it current; a failed write changes nothing. */
  push(counterId: string, tuning: CounterTuning, now: number): Promise<RunningConfig>;
}

export function createConfigState(fileConfig: AgentConfig): ConfigState {
  let remote: RemoteConfig = EMPTY_REMOTE_CONFIG;
  let running = build(fileConfig, remote);

  return {
    load() {
      remote = readRemoteConfig(fileConfig.stateDir);
      running = build(fileConfig, remote);
      return running;
    },
    current: () => running,
    async push(counterId, tuning, now) {
      const next: RemoteConfig = {
        configVersion: remote.configVersion + 1,
        counters: { ...remote.counters, [counterId]: tuning },
        updatedAt: now,
      };
      await writeRemoteConfig(fileConfig.stateDir, next);
      remote = next;
      running = build(fileConfig, remote);
      return running;
    },
  };
}

function build(fileConfig: AgentConfig, remote: RemoteConfig): RunningConfig {
  const config = overlayRemoteConfig(fileConfig, remote);
  return { config, configVersion: remote.configVersion, configHash: configHash(config) };
}
