import { describe, expect, it } from "vitest";
import { periodOf, reportPeriod } from "./report-period.js";

const HCM = 7 * 3_600_000;

describe("report periods", () => {
  it("bounds a month, a quarter and a year at Ho Chi Minh City midnights, with Vietnamese labels", () => {
    expect(reportPeriod("2026-02")).toEqual({
      kind: "monthly",
      period: "2026-02",
      label: "tháng 02/2026",
      bucket: "day",
      from: Date.UTC(2026, 1, 1) - HCM,
      to: Date.UTC(2026, 2, 1) - HCM,
    });
    expect(reportPeriod("2026-Q4")).toMatchObject({
      label: "quý IV/2026",
      from: Date.UTC(2026, 9, 1) - HCM,
      to: Date.UTC(2027, 0, 1) - HCM,
      bucket: "month",
    });
    expect(reportPeriod("2026")).toMatchObject({ kind: "yearly", label: "năm 2026", to: Date.UTC(2027, 0, 1) - HCM });
  });

  it("takes the local day: 31/12 at 23:30 in Ho Chi Minh City is still the old year", () => {
    const ms = Date.UTC(2026, 11, 31, 16, 30);
    expect(periodOf("monthly", ms)).toBe("2026-12");
    expect(periodOf("quarterly", ms)).toBe("2026-Q4");
    expect(periodOf("yearly", ms)).toBe("2026");
    expect(periodOf("yearly", ms + 3_600_000)).toBe("2027");
  });
});
