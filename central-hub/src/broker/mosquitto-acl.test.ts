import { describe, expect, it } from "vitest";
import { mosquittoAcl } from "./mosquitto-acl.js";

describe("mosquittoAcl", () => {
  it("gives the hub the base topic and each agent its own topics and assigned counters", () => {
    const acl = mosquittoAcl({
      baseTopic: "hl",
      hubUsername: "hub",
      assignments: new Map([
        ["c1", "agent-a"],
        ["c2", "agent-b"],
      ]),
      agents: ["agent-c"],
    });
    const section = (user: string) => acl.split("\n\n").find((s) => s.includes(`user ${user}\n`)) ?? "";
    expect(section("hub")).toContain("topic readwrite hl/#");
    const a = section("agent-a");
    expect(a).toContain("topic write hl/agent/agent-a/availability");
    expect(a).toContain("topic write hl/agent/agent-a/response/stats");
    expect(a).toContain("topic read hl/agent/agent-a/request/+");
    expect(a).toContain("topic write hl/counter/c1/incident");
    expect(a).not.toContain("c2");
    expect(section("agent-c")).toContain("topic read hl/agent/agent-c/request/+");
    expect(section("agent-c")).not.toContain("counter");
  });
});
