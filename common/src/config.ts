import { readFileSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { ConfigError } from "./errors.js";

export interface LoadConfigOptions<S extends z.ZodType> {
  /** YAML file; `undefined` means "defaults + environment only". */
  file: string | undefined;
  schema: S;
  /** Environment to read overrides from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** Prefix of override variables; `HAILONG_MQTT__URL=...` sets `mqtt.url`. */
  envPrefix?: string;
}

/**
 * Reads a YAML config file, applies `PREFIX_A__B_C` environment overrides (double underscore separates
 * levels, single underscores become camelCase: `HAILONG_SMS__QUIET_HOURS` -> `sms.quietHours`; values are
 * parsed as YAML scalars, so `HAILONG_MQTT__PORT=1884` is a number) and validates the
 * result. Any failure becomes one ConfigError naming the file, the key path and what was expected.
 */
export function loadConfig<S extends z.ZodType>(options: LoadConfigOptions<S>): z.infer<S> {
  const source = options.file ?? "(defaults)";
  const raw = options.file === undefined ? {} : readYamlFile(options.file);
  const merged = applyEnvOverrides(raw, options.env ?? process.env, options.envPrefix ?? "HAILONG_");
  return validateConfig(options.schema, merged, source);
}

/** Validates an already-parsed config object (remote config pushes use this too). */
export function validateConfig<S extends z.ZodType>(schema: S, value: unknown, source: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ConfigError(source, "", "invalid configuration");
  const base = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const keyPath = base ? `${base}.${key}` : key;
    throw new ConfigError(source, keyPath, "unknown key (check the spelling against the documented keys)");
  }
  throw new ConfigError(source, base, describeIssue(issue, value));
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const actual = valueAt(root, issue.path);
  const got = actual === undefined ? "nothing" : JSON.stringify(actual);
  return `${issue.message} (got ${got})`;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cursor: unknown = root;
  for (const key of path) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<PropertyKey, unknown>)[key];
  }
  return cursor;
}

function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    throw new ConfigError(file, "", `cannot read config file: ${reason}`);
  }
  try {
    const parsed: unknown = parseYaml(text);
    return parsed ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const where = at ? `line ${at.line}, column ${at.col}` : "unknown position";
      throw new ConfigError(file, "", `invalid YAML at ${where}: ${error.code}`);
    }
    throw error;
  }
}

export function applyEnvOverrides(base: unknown, env: NodeJS.ProcessEnv, prefix: string): unknown {
  const root: Record<string, unknown> =
    base !== null && typeof base === "object" && !Array.isArray(base)
      ? (structuredClone(base as object) as Record<string, unknown>)
      : {};
  for (const [name, rawValue] of Object.entries(env)) {
    if (!name.startsWith(prefix) || rawValue === undefined) continue;
    const rest = name.slice(prefix.length);
    // Only nested names are config overrides; HAILONG_LOG_LEVEL, HAILONG_TWILIO_AUTH_TOKEN... are read elsewhere.
    if (!rest.includes("__")) continue;
    const path = rest.split("__").filter(Boolean).map(toCamelCase);
    setAt(root, path, parseScalar(rawValue));
  }
  return root;
}

function toCamelCase(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function parseScalar(text: string): unknown {
  try {
    return parseYaml(text) ?? text;
  } catch {
    // Not valid YAML on its own (e.g. "a: b: c"): keep the literal string; the schema decides.
    return text;
  }
}

function setAt(root: Record<string, unknown>, path: string[], value: unknown): void {
  let cursor = root;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      cursor[key] = value;
      return;
    }
    const next = cursor[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) cursor[key] = {};
    cursor = cursor[key] as Record<string, unknown>;
  }
}
