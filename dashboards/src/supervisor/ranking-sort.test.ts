import type { ComparisonRow } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, meetsTarget, nextSort, sortRanking } from "./ranking-sort.js";

function row(name: string, satisfactionRate: number | null, change: number | null = null): ComparisonRow {
  const counts = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
  return {
    id: name,
    name,
    centreId: "c",
    centreName: "Trung tâm",
    departmentName: null,
    visits: satisfactionRate === null ? 0 : 10,
    levelCounts: counts,
    shares: counts,
    satisfactionRate,
    score: null,
    incidents: 0,
    incidentsPer100: null,
    falseAlarmShare: null,
    previousRate: null,
    change,
    target: 90,
  };
}

describe("ranking sort", () => {
  const rows = [row("Quầy B", 95, -2), row("Quầy A", 80, 5), row("Quầy C", null), row("Quầy D", 88, 1)];

  it("puts the worst tỷ lệ hài lòng first by default and counters without visits last", () => {
    expect(sortRanking(rows, DEFAULT_SORT).map((r) => r.name)).toEqual(["Quầy A", "Quầy D", "Quầy B", "Quầy C"]);
    expect(sortRanking(rows, nextSort(DEFAULT_SORT, "rate")).map((r) => r.name)).toEqual([
      "Quầy B",
      "Quầy D",
      "Quầy A",
      "Quầy C",
    ]);
  });

  it("sorts by change with the biggest rise first, then flips", () => {
    const first = nextSort(DEFAULT_SORT, "change");
    expect(sortRanking(rows, first).map((r) => r.name)).toEqual(["Quầy A", "Quầy D", "Quầy B", "Quầy C"]);
    expect(sortRanking(rows, nextSort(first, "change"))[0]?.name).toBe("Quầy B");
  });

  it("compares each row with its centre's target", () => {
    expect(rows.map(meetsTarget)).toEqual([true, false, undefined, false]);
  });
});
