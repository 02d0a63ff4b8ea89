import { describe, expect, it } from "vitest";
import { redactUrl, splitUserinfo } from "./redact-url.js";

describe("redactUrl", () => {
  it("masks the password of a URL's userinfo and keeps the rest", () => {
    expect(redactUrl("mqtt://hub:s3cret@broker:1883")).toBe("mqtt://hub:***@broker:1883");
    expect(redactUrl("postgres://app:p%40ss@db:5432/hub")).toBe("postgres://app:***@db:5432/hub");
    expect(redactUrl("mqtts://token@broker")).toBe("mqtts://token@broker");
    expect(redactUrl("mqtt://127.0.0.1:1883")).toBe("mqtt://127.0.0.1:1883");
  });
});

describe("splitUserinfo", () => {
  it("moves credentials out of the URL, decoded", () => {
    expect(splitUserinfo("mqtt://hub:p%40ss@broker:1883/x")).toEqual({
      url: "mqtt://broker:1883/x",
      username: "hub",
      password: "p@ss",
    });
    expect(splitUserinfo("mqtt://broker:1883")).toEqual({ url: "mqtt://broker:1883" });
  });
});
