import { describe, expect, it } from "vitest";
import { classifySendError } from "./twilio-sender.js";

describe("classifySendError", () => {
  it("429 is a plain retry, 5xx an uncertain one (the provider may have the message)", () => {
    expect(classifySendError({ status: 429, message: "Too Many Requests" })).toMatchObject({
      kind: "retry",
      uncertain: false,
    });
    expect(classifySendError({ status: 500 })).toMatchObject({ kind: "retry", uncertain: true });
    expect(classifySendError({ status: 503 })).toMatchObject({ kind: "retry", uncertain: true });
  });
  it("other 4xx are final", () => {
    expect(classifySendError({ status: 400, code: 21211, message: "invalid To" })).toEqual({
      kind: "rejected",
      error: "400 21211 invalid To",
    });
    expect(classifySendError({ status: 401 })).toMatchObject({ kind: "rejected" });
  });
  it("refused connections certainly did not send; timeouts and resets might have", () => {
    expect(classifySendError({ code: "ECONNREFUSED" })).toMatchObject({ kind: "retry", uncertain: false });
    expect(classifySendError({ code: "ECONNABORTED", message: "timeout of 10000ms exceeded" })).toMatchObject({
      kind: "retry",
      uncertain: true,
    });
    expect(classifySendError({ code: "ECONNRESET" })).toMatchObject({ kind: "retry", uncertain: true });
  });
});
