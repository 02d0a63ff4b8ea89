import { describe, expect, it } from "vitest";
import { addFigures, addVisit, emptySummaryFigures, heatmapCellOf, toSummary } from "./summary-figures.js";

// 2026-11-23 is a Monday; 08:30 local (UTC+7) is 01:30 UTC.
const MONDAY_0830 = Date.UTC(2026, 10, 23, 1, 30);

describe("summary figures", () => {
  it("counts each visit once at its level, a visit with an incident as dissatisfied, however summed", () => {
    const a = emptySummaryFigures();
    addVisit(a, { score: 80, level: "satisfied", hadIncident: false });
    const b = emptySummaryFigures();
    addVisit(b, { score: 60, level: "very_satisfied", hadIncident: true });
    addVisit(b, { score: 70, level: "satisfied", hadIncident: false });
    b.incidents = 1;
    addFigures(a, b);
    expect(toSummary(a)).toEqual({
      visits: 3,
      levelCounts: { very_satisfied: 0, satisfied: 2, neutral: 0, dissatisfied: 1 },
      shares: { very_satisfied: 0, satisfied: 0.6667, neutral: 0, dissatisfied: 0.3333 },
      satisfactionRate: 66.7,
      score: 70,
      incidents: 1,
    });
  });

  it("gives no score without visits but keeps the incidents", () => {
    expect(toSummary({ ...emptySummaryFigures(), incidents: 2 })).toMatchObject({
      visits: 0,
      score: null,
      incidents: 2,
    });
  });

  it("places a time by local weekday and hour", () => {
    expect(heatmapCellOf(MONDAY_0830)).toBe(8);
    // Sunday 23:59 local is the last cell of the week.
    expect(heatmapCellOf(Date.UTC(2026, 10, 29, 16, 59))).toBe(6 * 24 + 23);
  });
});
