import { describe, expect, it } from "vitest";
import { reportPeriodOptions } from "./report-periods.js";

describe("report period options", () => {
  // 31/12/2026 23:30 in Ho Chi Minh City, already 2027 nowhere near: still December there.
  const now = Date.UTC(2026, 11, 31, 16, 30);

  it("lists months, quarters and years newest first in Ho Chi Minh City time, in numbers", () => {
    expect(reportPeriodOptions("monthly", now).slice(0, 2)).toEqual([
      { value: "2026-12", label: "12/2026" },
      { value: "2026-11", label: "11/2026" },
    ]);
    expect(reportPeriodOptions("monthly", now).at(-1)).toEqual({ value: "2025-12", label: "12/2025" });
    expect(reportPeriodOptions("quarterly", now).map((o) => o.value)).toEqual([
      "2026-Q4",
      "2026-Q3",
      "2026-Q2",
      "2026-Q1",
      "2025-Q4",
    ]);
    expect(reportPeriodOptions("quarterly", now)[0]?.label).toBe("IV/2026");
    expect(reportPeriodOptions("yearly", now + 3_600_000)[0]).toEqual({ value: "2027", label: "2027" });
  });
});
