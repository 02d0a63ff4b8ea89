import { type Logger, pino } from "pino";
import { redactUrl } from "./mqtt/redact-url.js";

export type { Logger };

/** Paths pino censors wherever they appear: secrets come from the environment and must never reach a log line. */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "authToken",
  "*.authToken",
  "*.*.authToken",
  "accountSid",
  "*.accountSid",
  "*.*.accountSid",
  "apiKey",
  "*.apiKey",
  "secret",
  "*.secret",
  "sessionSecret",
  "*.sessionSecret",
  "cookie",
  "headers.cookie",
  "headers.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
];

const urlField = (value: unknown): unknown => (typeof value === "string" ? redactUrl(value) : value);
/** Fields that may hold a URL with a password in its userinfo: masked even if a caller forgot to. */
const URL_SERIALIZERS = { url: urlField, mqttUrl: urlField, httpUrl: urlField, dbUrl: urlField };

export interface LoggerOptions {
  level?: string;
  /** Where lines go; defaults to stderr so `--json` commands keep stdout clean. */
  destination?: NodeJS.WritableStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.HAILONG_LOG_LEVEL ?? "info";
  return pino(
    {
      level,
      name: options.name ?? "hailong",
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: URL_SERIALIZERS,
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing, for tests and library callers that pass none. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
