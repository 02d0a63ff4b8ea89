import { describe, expect, it } from "vitest";
import { DEMO_HISTORY_COUNTERS, demoHistory } from "./demo-history.js";

describe("demo history", () => {
  const now = Date.UTC(2026, 0, 15, 3);
  const messages = demoHistory({ counters: DEMO_HISTORY_COUNTERS, days: 90, now });

  it("is the same for the same day, so a re-seed is deduplicated by message id", () => {
    expect(demoHistory({ counters: DEMO_HISTORY_COUNTERS, days: 90, now: now + 3_600_000 })).toEqual(messages);
  });

  it("has visits only in working hours (Ho Chi Minh time) before today, each ending after any incident it had", () => {
    const ends = new Map<string, number>();
    for (const m of messages) {
      expect(m.message.ts).toBeLessThan(now);
      const local = new Date(m.message.ts + 7 * 3_600_000);
      expect(local.getUTCDay()).not.toBe(0);
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(7);
      expect(local.getUTCHours()).toBeLessThan(17);
      if (m.kind === "visit" && m.message.kind === "end") ends.set(m.message.visitId, messages.indexOf(m));
    }
    for (const [index, m] of messages.entries())
      if (m.kind === "incident") expect(ends.get(m.message.visitId)).toBeGreaterThan(index);
    expect(ends.size).toBeGreaterThan(90 * 30);
  });
});
