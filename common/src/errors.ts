/** Stable error codes: programmer/config errors throw these; expected failures are returned as results. */
export type HailongErrorCode =
  | "HAILONG_ERR_CONFIG"
  | "HAILONG_ERR_USAGE"
  | "HAILONG_ERR_MODEL"
  | "HAILONG_ERR_CAMERA"
  | "HAILONG_ERR_STORAGE"
  | "HAILONG_ERR_PROTOCOL"
  | "HAILONG_ERR_SMS"
  | "HAILONG_ERR_INTERNAL";

export class HailongError extends Error {
  readonly code: HailongErrorCode;
  constructor(code: HailongErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HailongError";
    this.code = code;
  }
}

export class ConfigError extends HailongError {
  readonly file: string;
  readonly keyPath: string;
  constructor(file: string, keyPath: string, expectation: string) {
    super("HAILONG_ERR_CONFIG", `${file}: ${keyPath || "(root)"}: ${expectation}`);
    this.name = "ConfigError";
    this.file = file;
    this.keyPath = keyPath;
  }
}

export function isHailongError(value: unknown): value is HailongError {
  return value instanceof HailongError;
}
