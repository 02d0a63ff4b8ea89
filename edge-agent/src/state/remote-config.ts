import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, validateConfig } from "@hailong/common";
import { CounterTuningSchema } from "@hailong/protocol";
import { z } from "zod";
import type { AgentConfig } from "../config/schema.js";

/** Tuning pushed by the hub, persisted so it survives a restart; overlays the file config on start. */
export const RemoteConfigSchema = z
  .object({
    configVersion: z.number().int().nonnegative().describe("bumped on every accepted config push"),
    counters: z.record(z.string(), CounterTuningSchema).describe("pushed tuning by counter id"),
    updatedAt: z.number().int().nonnegative().describe("epoch ms of the last accepted push"),
  })
  .strict();
export type RemoteConfig = z.infer<typeof RemoteConfigSchema>;

export const EMPTY_REMOTE_CONFIG: RemoteConfig = { configVersion: 0, counters: {}, updatedAt: 0 };

export const REMOTE_CONFIG_FILE = "remote-config.json";

export function remoteConfigPath(stateDir: string): string {
  return join(stateDir, REMOTE_CONFIG_FILE);
}

/** Reads the persisted remote config; none yet means version 0. A corrupt file is a ConfigError naming it. */
export function readRemoteConfig(stateDir: string): RemoteConfig {
  const file = remoteConfigPath(stateDir);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return EMPTY_REMOTE_CONFIG;
    throw new ConfigError(file, "", `cannot read remote config: ${String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, "", `not valid JSON: ${(error as Error).message}`);
  }
  return validateConfig(RemoteConfigSchema, json, file);
}

/** Writes the remote config atomically: a crash leaves either the old or the new file, never half of one. */
export async function writeRemoteConfig(stateDir: string, config: RemoteConfig): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const file = remoteConfigPath(stateDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, `${JSON.stringify(RemoteConfigSchema.parse(config), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The running config: the file config with every pushed tuning laid over its counter. Pure. */
export function overlayRemoteConfig(config: AgentConfig, remote: RemoteConfig): AgentConfig {
  return {
    ...config,
    counters: config.counters.map((counter) => {
      const tuning = remote.counters[counter.id];
      return tuning === undefined ? counter : { ...counter, tuning: { ...counter.tuning, ...tuning } };
    }),
  };
}
