import { describe, expect, it } from "vitest";
import { bucketStarts, dayStart, monthStart, nextBucketStart, weekStart } from "./buckets.js";
import { RollupAccumulator } from "./rollup-delta.js";

// 2026-11-22 00:30 in Ho Chi Minh City is 2026-11-21 17:30 UTC.
const localHalfPastMidnight = Date.UTC(2026, 10, 21, 17, 30);

describe("local time buckets", () => {
  it("a visit just after local midnight belongs to the new local day", () => {
    expect(dayStart(localHalfPastMidnight)).toBe(Date.UTC(2026, 10, 21, 17, 0));
  });
  it("weeks start on Monday 00:00 local time", () => {
    // 2026-11-22 is a Sunday: its week started Monday 2026-11-16 local.
    expect(weekStart(localHalfPastMidnight)).toBe(Date.UTC(2026, 10, 15, 17, 0));
  });
  it("months follow the local calendar", () => {
    const localDec1 = Date.UTC(2026, 10, 30, 18, 0); // 2026-12-01 01:00 local
    expect(monthStart(localDec1)).toBe(Date.UTC(2026, 10, 30, 17, 0));
    expect(nextBucketStart("month", monthStart(localDec1))).toBe(Date.UTC(2026, 11, 31, 17, 0));
  });
  it("bucketStarts covers a range without gaps", () => {
    const from = Date.UTC(2026, 0, 1);
    const days = bucketStarts("day", from, from + 10 * 86_400_000);
    expect(days).toHaveLength(11);
    expect(days[1]! - days[0]!).toBe(86_400_000);
  });
});

describe("RollupAccumulator", () => {
  it("sums visit ends per counter and hour and leaves test incidents out", () => {
    const acc = new RollupAccumulator();
    const base = { counterId: "c1", durationMs: 1000, score: 80 };
    const shares = { very_satisfied: 0.5, satisfied: 0.5, neutral: 0, dissatisfied: 0 };
    acc.addVisitEnd({ ...base, startedAt: 3_600_000, level: "satisfied", shares } as never, false);
    acc.addVisitEnd({ ...base, startedAt: 3_600_500, level: "neutral", shares } as never, false);
    acc.addVisitEnd({ ...base, startedAt: 3_600_700, level: "very_satisfied", shares } as never, true);
    acc.addIncident({ counterId: "c1", onset: 3_600_100, test: false });
    acc.addIncident({ counterId: "c1", onset: 3_600_100, test: true });
    const [delta, ...rest] = acc.drain();
    expect(rest).toHaveLength(0);
    expect(delta).toMatchObject({
      visits: 3,
      incidents: 1,
      scoreSum: 240,
      levelCounts: { very_satisfied: 0, satisfied: 1, neutral: 1, dissatisfied: 1 },
    });
    expect(acc.size).toBe(0);
  });

  it("moves an ended visit to dissatisfied when its first incident arrives later", () => {
    const acc = new RollupAccumulator();
    acc.recountAsDissatisfied({ counterId: "c1", startedAt: 3_600_000, level: "satisfied" });
    acc.recountAsDissatisfied({ counterId: "c1", startedAt: 3_600_000, level: "dissatisfied" });
    expect(acc.drain()[0]).toMatchObject({ visits: 0, levelCounts: { satisfied: -1, dissatisfied: 1 } });
  });
});
