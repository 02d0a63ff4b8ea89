import { describe, expect, it } from "vitest";
import { createTopics, parseTopic } from "./topics.js";

describe("topics", () => {
  const topics = createTopics();

  it("builds and parses every topic kind", () => {
    expect(parseTopic(topics.agentAvailability("a1"))).toEqual({ kind: "availability", agentId: "a1" });
    expect(parseTopic(topics.agentInfo("a1"))).toEqual({ kind: "info", agentId: "a1" });
    expect(parseTopic(topics.request("a1", "snapshot"))).toEqual({
      kind: "request",
      agentId: "a1",
      action: "snapshot",
    });
    expect(parseTopic(topics.response("a1", "config-push"))).toEqual({
      kind: "response",
      agentId: "a1",
      action: "config-push",
    });
    for (const channel of ["visit", "incident", "score", "health"] as const) {
      expect(parseTopic(topics.counter("c-1", channel))).toEqual({ kind: channel, counterId: "c-1" });
    }
  });

  it("rejects ids that would break the topic tree", () => {
    expect(() => topics.counter("a/b", "visit")).toThrow(/invalid counter id/);
    expect(() => topics.agentInfo("+")).toThrow(/invalid agent id/);
    expect(() => topics.agentInfo("")).toThrow();
  });

  it("returns undefined for foreign or malformed topics", () => {
    for (const topic of [
      "other/counter/c1/visit",
      "hailong/counter/c1",
      "hailong/counter/c1/visit/extra",
      "hailong/agent/a1/request/reboot",
      "hailong/agent/a1/selfie",
      "hailong/counter/#/visit",
    ]) {
      expect(parseTopic(topic)).toBeUndefined();
    }
  });

  it("uses a configurable base topic", () => {
    const custom = createTopics("q7/hailong");
    expect(custom.counter("c1", "incident")).toBe("q7/hailong/counter/c1/incident");
    expect(custom.parse("q7/hailong/counter/c1/incident")).toEqual({ kind: "incident", counterId: "c1" });
    expect(custom.filters.allCounters).toBe("q7/hailong/counter/+/+");
  });
});
