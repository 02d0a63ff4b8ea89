import type { ApiErrorCode } from "@hailong/protocol";

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_mismatch: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  note_too_long: 400,
  agent_offline: 503,
  agent_timeout: 504,
  agent_error: 502,
  internal: 500,
};

/** An expected API failure: becomes `{ error: { code, message } }` with the matching status. */
export class ApiHttpError extends Error {
  readonly code: ApiErrorCode;
  readonly statusCode: number;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = "ApiHttpError";
    this.code = code;
    this.statusCode = STATUS[code];
  }
}

export function apiErrorBody(code: ApiErrorCode, message: string): { error: { code: ApiErrorCode; message: string } } {
  return { error: { code, message } };
}
