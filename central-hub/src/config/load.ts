import { loadConfig } from "@hailong/common";
import { type HubConfig, HubConfigSchema } from "./schema.js";

/** Reads the hub config (YAML + `HAILONG_A__B` environment overrides); throws a ConfigError naming the key. */
export function loadHubConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): HubConfig {
  return loadConfig({ file, schema: HubConfigSchema, env });
}
