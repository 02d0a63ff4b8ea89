import { describe, expect, it } from "vitest";
import { IncidentListQuerySchema, LiveEventSchema, TrendQuerySchema } from "./index.js";

describe("HTTP API contract", () => {
  it("coerces query-string numbers and applies defaults", () => {
    const query = TrendQuerySchema.parse({ scope: "counter", id: "c1", period: "day", from: "1000", to: "2000" });
    expect(query.from).toBe(1000);
    expect(IncidentListQuerySchema.parse({}).limit).toBe(100);
  });

  it("rejects an unknown period and unknown query keys", () => {
    expect(TrendQuerySchema.safeParse({ scope: "counter", id: "c1", period: "year", from: 0, to: 1 }).success).toBe(
      false,
    );
    expect(IncidentListQuerySchema.safeParse({ colour: "red" }).success).toBe(false);
  });

  it("discriminates live events by type", () => {
    const event = LiveEventSchema.parse({ type: "agent", agentId: "agent-1", online: false, at: 5 });
    expect(event.type).toBe("agent");
    expect(LiveEventSchema.safeParse({ type: "agent", agentId: "agent-1" }).success).toBe(false);
  });
});
