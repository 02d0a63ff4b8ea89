import { API_ROUTES, ApiErrorSchema, CSRF_HEADER, SessionInfoSchema } from "@hailong/protocol";

/** A response schema (zod's parse). */
export interface Parser<T> {
  parse(value: unknown): T;
}

/** A logged-in session on a hub's HTTP API (cookie + csrf token), for CLI commands run by a person. */
export interface HubSession {
  get<T>(route: string, schema: Parser<T>): Promise<HubAnswer<T>>;
  post<T>(route: string, body: unknown, schema: Parser<T>): Promise<HubAnswer<T>>;
}

export type HubAnswer<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

export async function loginToHub(hubUrl: string, username: string, password: string): Promise<HubAnswer<HubSession>> {
  const response = await fetch(`${hubUrl}${API_ROUTES.login}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) return failure(response);
  const { csrfToken } = SessionInfoSchema.parse(await response.json());
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  const call = async <T>(method: string, route: string, schema: Parser<T>, body?: unknown) => {
    const answer = await fetch(`${hubUrl}${route}`, {
      method,
      headers: {
        cookie,
        [CSRF_HEADER]: csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!answer.ok) return failure(answer);
    return { ok: true as const, value: schema.parse(await answer.json()) };
  };
  return {
    ok: true,
    value: {
      get: (route, schema) => call("GET", route, schema),
      post: (route, body, schema) => call("POST", route, schema, body),
    },
  };
}

async function failure(response: Response): Promise<HubAnswer<never>> {
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined;
  const parsed = ApiErrorSchema.safeParse(json);
  return parsed.success
    ? { ok: false, status: response.status, code: parsed.data.error.code, message: parsed.data.error.message }
    : { ok: false, status: response.status, code: "http_error", message: text.slice(0, 200) };
}
