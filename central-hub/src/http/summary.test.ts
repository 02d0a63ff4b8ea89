import { describe, expect, it } from "vitest";
import { csvLine } from "./csv.js";
import { monthBounds } from "./monthly-report.js";
import { median, mergeSummaries } from "./summary.js";

describe("summaries, CSV and month bounds", () => {
  it("weights scores and shares by visits when merging", () => {
    const merged = mergeSummaries([
      { visits: 3, score: 80, shares: { very_satisfied: 1, satisfied: 0, neutral: 0, dissatisfied: 0 }, incidents: 0 },
      { visits: 1, score: 40, shares: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 1 }, incidents: 2 },
      {
        visits: 0,
        score: null,
        shares: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
        incidents: 1,
      },
    ]);
    expect(merged).toEqual({
      visits: 4,
      score: 70,
      shares: { very_satisfied: 0.75, satisfied: 0, neutral: 0, dissatisfied: 0.25 },
      incidents: 3,
    });
    expect(mergeSummaries([]).score).toBeNull();
    expect(median([5, 1, 3, 2])).toBe(2.5);
  });

  it("quotes CSV cells and defuses spreadsheet formulas", () => {
    expect(csvLine(["Quầy 1, Hộ tịch", 'say "hi"', "=SUM(A1)", 3.5, null])).toBe(
      `"Quầy 1, Hộ tịch","say ""hi""",'=SUM(A1),3.5,\r\n`,
    );
  });

  it("puts local (UTC+7) month boundaries at 17:00 UTC the day before", () => {
    expect(monthBounds("2026-01")).toEqual({
      from: Date.UTC(2025, 11, 31, 17),
      to: Date.UTC(2026, 0, 31, 17),
    });
  });
});
