import { decode } from "@hailong/protocol";
import { invalidFixtures } from "@hailong/protocol/fixtures";
import { describe, expect, it } from "vitest";
import { errorResponseFor, recoverTxId } from "./invalid-request.js";

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

function decodeError(topic: string, payload: Uint8Array) {
  const result = decode(topic, payload);
  if (result.ok) throw new Error("expected a decode error");
  return result.error;
}

describe("answers to invalid requests", () => {
  it("answers a config push with a two-point ROI with a config error naming tuning.roi", () => {
    const fixture = invalidFixtures().find((f) => f.name === "request-roi-two-points");
    if (fixture === undefined) throw new Error("fixture missing");
    const answer = errorResponseFor(
      fixture.topic,
      fixture.payload,
      decodeError(fixture.topic, fixture.payload),
      "hailong",
      5,
    );
    expect(answer?.action).toBe("config-push");
    expect(answer?.response).toMatchObject({ ok: false, error: { code: "HAILONG_ERR_CONFIG" } });
    expect(answer?.response.ok === false && answer.response.error.message).toMatch(/^tuning\.roi: /);
  });

  it("answers a protocol error when the txId survives", () => {
    const topic = "hailong/agent/a1/request/stats";
    const payload = bytes({ v: 1, txId: "tx00000000000009", action: "stats" });
    const answer = errorResponseFor(topic, payload, decodeError(topic, payload), "hailong", 5);
    expect(answer?.response).toMatchObject({ txId: "tx00000000000009", action: "stats", ok: false });
    expect(answer?.response.ok === false && answer.response.error.code).toBe("HAILONG_ERR_PROTOCOL");
  });

  it("cannot answer without a JSON txId or on an unknown action", () => {
    expect(recoverTxId(bytes("not json"))).toBeUndefined();
    expect(recoverTxId(bytes({ txId: "a/b" }))).toBeUndefined();
    const topic = "hailong/agent/a1/request/reboot";
    const payload = bytes({ txId: "tx00000000000009" });
    expect(errorResponseFor(topic, payload, decodeError(topic, payload), "hailong", 5)).toBeUndefined();
  });
});
