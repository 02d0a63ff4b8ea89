import { describe, expect, it } from "vitest";
import { csvLine } from "./csv.js";
import { emptySummary, median, mergeSummaries } from "./summary.js";

describe("summaries and CSV", () => {
  it("adds level counts and weights the score by visits when merging", () => {
    const counts = (very_satisfied: number, satisfied: number, neutral: number, dissatisfied: number) => ({
      very_satisfied,
      satisfied,
      neutral,
      dissatisfied,
    });
    const merged = mergeSummaries([
      { ...emptySummary(), visits: 3, levelCounts: counts(2, 1, 0, 0), score: 80 },
      { ...emptySummary(), visits: 1, levelCounts: counts(0, 0, 0, 1), score: 40, incidents: 2 },
      { ...emptySummary(), incidents: 1 },
    ]);
    expect(merged).toEqual({
      visits: 4,
      levelCounts: counts(2, 1, 0, 1),
      shares: { very_satisfied: 0.5, satisfied: 0.25, neutral: 0, dissatisfied: 0.25 },
      satisfactionRate: 75,
      score: 70,
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
});
