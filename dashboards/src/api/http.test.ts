import { OkSchema, SessionInfoSchema } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { ApiRequestError, createHttpClient, withQuery } from "./http.js";

const answer = (status: number, body: unknown) => async () =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status });

describe("hub HTTP client", () => {
  it("drops empty query values", () => {
    expect(withQuery("/api/incidents", { centreId: "q1", field: "", counterId: undefined, limit: 100 })).toBe(
      "/api/incidents?centreId=q1&limit=100",
    );
    expect(withQuery("/api/x", {})).toBe("/api/x");
  });

  it("turns the hub's error body into an error carrying its code and message verbatim", async () => {
    let unauthorized = 0;
    const http = createHttpClient({
      fetchImpl: answer(504, { error: { code: "agent_timeout", message: "agent a1 did not answer in 10000 ms" } }),
      onUnauthorized: () => unauthorized++,
    });
    const error = await http.send("POST", "/api/x", OkSchema, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: "agent_timeout", message: "agent a1 did not answer in 10000 ms", status: 504 });
    expect(unauthorized).toBe(0);
  });

  it("reports a 401 to the app and rejects answers that break the contract", async () => {
    let unauthorized = 0;
    const denied = createHttpClient({
      fetchImpl: answer(401, { error: { code: "unauthorized", message: "no session" } }),
      onUnauthorized: () => unauthorized++,
    });
    await expect(denied.get("/api/auth/me", SessionInfoSchema)).rejects.toMatchObject({ code: "unauthorized" });
    expect(unauthorized).toBe(1);
    const odd = createHttpClient({ fetchImpl: answer(200, { user: "nobody" }) });
    await expect(odd.get("/api/auth/me", SessionInfoSchema)).rejects.toMatchObject({ code: "bad_response" });
  });

  it("sends the csrf token on mutating requests only", async () => {
    const seen: Record<string, string | null> = {};
    const http = createHttpClient({
      fetchImpl: async (_url, init) => {
        seen[init?.method ?? "?"] = new Headers(init?.headers).get("x-csrf-token");
        return new Response(JSON.stringify({ ok: true }));
      },
    });
    http.setCsrfToken("token-0123456789abcdef");
    await http.get("/api/x", OkSchema);
    await http.send("POST", "/api/x", OkSchema, {});
    expect(seen).toEqual({ GET: null, POST: "token-0123456789abcdef" });
  });
});
