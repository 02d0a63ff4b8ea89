import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

describe("createLogger", () => {
  it("redacts secrets wherever they appear in a log line", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const log = createLogger({ destination, level: "info" });
    log.info({ sms: { twilio: { authToken: "tok-123", accountSid: "AC999" } }, password: "hunter2" }, "config loaded");
    log.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const text = lines.join("");
    expect(text).toContain("config loaded");
    expect(text).not.toContain("tok-123");
    expect(text).not.toContain("AC999");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("[redacted]");
  });
});
