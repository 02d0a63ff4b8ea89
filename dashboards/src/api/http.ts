import { ApiErrorSchema, CSRF_HEADER } from "@hailong/protocol";
import type { z } from "zod";

/** Codes the UI can show: the hub's API error codes plus failures that happen before a hub answer. */
export type ClientErrorCode = string;

/** A failed API call, carrying the hub's error code (e.g. "agent_timeout") and its message verbatim. */
export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | undefined | null;

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface HttpClient {
  get<S extends z.ZodType>(path: string, schema: S, query?: Record<string, QueryValue>): Promise<z.infer<S>>;
  send<S extends z.ZodType>(
    method: "POST" | "PUT" | "DELETE",
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>>;
  /** PUT/POST a CSV file's text as text/csv (the roster import). */
  sendCsv<S extends z.ZodType>(method: "POST" | "PUT", path: string, schema: S, csv: string): Promise<z.infer<S>>;
  setCsrfToken(token: string | undefined): void;
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Called on every 401 so the app can return to the login page. */
  onUnauthorized?: () => void;
}

async function readError(response: Response): Promise<ApiRequestError> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Not JSON (a proxy's HTML page...): show the status line and the start of the body instead.
    return new ApiRequestError(
      "http_error",
      `${response.status} ${response.statusText}: ${text.slice(0, 200)} (${String(error)})`,
      response.status,
    );
  }
  const parsed = ApiErrorSchema.safeParse(json);
  if (parsed.success) return new ApiRequestError(parsed.data.error.code, parsed.data.error.message, response.status);
  return new ApiRequestError("http_error", `${response.status} ${response.statusText}`, response.status);
}

/** fetch + JSON + zod: every answer is validated against the shared contract before the UI sees it. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? "";
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  let csrfToken: string | undefined;

  async function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, csv?: string) {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (csv !== undefined) headers["content-type"] = "text/csv; charset=utf-8";
    if (method !== "GET" && csrfToken) headers[CSRF_HEADER] = csrfToken;
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: "same-origin",
        body: csv ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
    } catch (error) {
      throw new ApiRequestError("network", error instanceof Error ? error.message : String(error), 0);
    }
    if (!response.ok) {
      const error = await readError(response);
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    const json: unknown = response.status === 204 ? {} : await response.json();
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiRequestError(
        "bad_response",
        `${method} ${path}: ${parsed.error.message.slice(0, 500)}`,
        response.status,
      );
    }
    return parsed.data as z.infer<S>;
  }

  return {
    get: (path, schema, query) => request("GET", withQuery(path, query), schema),
    send: (method, path, schema, body) => request(method, path, schema, body),
    sendCsv: (method, path, schema, csv) => request(method, path, schema, undefined, csv),
    setCsrfToken: (token) => {
      csrfToken = token;
    },
  };
}
