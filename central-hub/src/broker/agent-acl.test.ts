import { createTopics } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { agentMayPublish, agentMaySubscribe, countersOf } from "./agent-acl.js";

const topics = createTopics("hailong");
const mine = countersOf(
  new Map([
    ["c1", "agent-a"],
    ["c2", "agent-b"],
  ]),
  "agent-a",
);

describe("agent ACL", () => {
  it("lets an agent publish under its own id and its assigned counters only", () => {
    expect(agentMayPublish(topics, "agent-a", mine, topics.agentAvailability("agent-a"))).toBe(true);
    expect(agentMayPublish(topics, "agent-a", mine, topics.response("agent-a", "stats"))).toBe(true);
    expect(agentMayPublish(topics, "agent-a", mine, topics.counter("c1", "incident"))).toBe(true);
    expect(agentMayPublish(topics, "agent-a", mine, topics.agentInfo("agent-b"))).toBe(false);
    expect(agentMayPublish(topics, "agent-a", mine, topics.counter("c2", "incident"))).toBe(false);
    expect(agentMayPublish(topics, "agent-a", mine, topics.counter("c9", "visit"))).toBe(false);
    expect(agentMayPublish(topics, "agent-a", mine, topics.request("agent-a", "stats"))).toBe(false);
    expect(agentMayPublish(topics, "agent-a", mine, "other/topic")).toBe(false);
  });

  it("lets an agent subscribe to its own requests only", () => {
    expect(agentMaySubscribe(topics, "agent-a", topics.filters.agentRequests("agent-a"))).toBe(true);
    expect(agentMaySubscribe(topics, "agent-a", topics.request("agent-a", "snapshot"))).toBe(true);
    expect(agentMaySubscribe(topics, "agent-a", topics.filters.agentRequests("agent-b"))).toBe(false);
    expect(agentMaySubscribe(topics, "agent-a", topics.filters.allCounters)).toBe(false);
    expect(agentMaySubscribe(topics, "agent-a", "#")).toBe(false);
  });
});
