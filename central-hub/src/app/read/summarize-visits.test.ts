import { describe, expect, it } from "vitest";
import { summarizeHeatmap, summarizePerCounter, summarizeTrend } from "./summarize-visits.js";

const shares = { very_satisfied: 0.5, satisfied: 0.5, neutral: 0, dissatisfied: 0 };
// 2026-11-23 is a Monday; 08:30 local (UTC+7) is 01:30 UTC.
const MONDAY_0830 = Date.UTC(2026, 10, 23, 1, 30);

describe("visit aggregation", () => {
  it("fills every day bucket of the range, empty ones with no score", () => {
    const visits = [
      { counterId: "c1", startedAt: MONDAY_0830, score: 80, shares },
      { counterId: "c1", startedAt: MONDAY_0830 + 60_000, score: 60, shares },
    ];
    const dayStart = Date.UTC(2026, 10, 22, 17);
    const points = summarizeTrend(
      visits,
      [{ counterId: "c1", onset: MONDAY_0830 }],
      "day",
      dayStart,
      dayStart + 2 * 86_400_000,
    );
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ bucketStart: dayStart, visits: 2, score: 70, incidents: 1 });
    expect(points[1]).toMatchObject({ visits: 0, score: null, incidents: 0 });
  });

  it("places visits by local weekday and hour", () => {
    const cells = summarizeHeatmap([{ counterId: "c1", startedAt: MONDAY_0830, score: 90, shares }]);
    expect(cells).toEqual([{ weekday: 0, hour: 8, visits: 1, score: 90 }]);
  });

  it("counts incidents of counters without visits", () => {
    const per = summarizePerCounter([], [{ counterId: "c2", onset: MONDAY_0830 }]);
    expect(per.get("c2")).toMatchObject({ visits: 0, score: null, incidents: 1 });
  });
});
