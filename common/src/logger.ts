import { type Logger, pino } from "pino";

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

export interface LoggerOptions {
  level?: string;
  /** Where lines go; defaults to stderr so `--json` commands keep stdout clean. */
  destination?: NodeJS.WritableStream;
  name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.HAILONG_LOG_LEVEL ?? "info";
  return pino(
    { level, name: options.name ?? "hailong", redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing, for tests and library callers that pass none. */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
