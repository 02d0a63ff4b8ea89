import { describe, expect, it } from "vitest";
import { formatDayMonthYear, localIsoDate, parseDayMonthYear } from "./format.js";

const HCMC = 7 * 3_600_000;

describe("dates typed and shown as dd/mm/yyyy (Ho Chi Minh City days)", () => {
  it("reads day first, whatever the separator or leading zeros, as the centre's midnight", () => {
    const midnight = Date.UTC(2026, 10, 5) - HCMC;
    for (const typed of ["05/11/2026", "5/11/2026", "5-11-2026", "05.11.2026", " 5 / 11 / 2026 "]) {
      expect(parseDayMonthYear(typed), typed).toBe(midnight);
    }
    expect(parseDayMonthYear("13/01/2026")).toBe(Date.UTC(2026, 0, 13) - HCMC);
  });

  it("refuses what is not a real day in that order", () => {
    for (const typed of ["", "31/02/2026", "29/02/2026", "2026-11-05", "11/32/2026", "00/01/2026", "05/13/2026"]) {
      expect(parseDayMonthYear(typed), typed).toBeUndefined();
    }
    expect(parseDayMonthYear("05/11/26")).toBeUndefined();
    expect(parseDayMonthYear("05/11/0026")).toBeUndefined();
    expect(parseDayMonthYear("29/02/2028")).toBe(Date.UTC(2028, 1, 29) - HCMC);
  });

  it("shows the centre's day, not the browser's, and reads back what it shows", () => {
    // 23:30 on 4 Nov UTC is already 5 Nov in Ho Chi Minh City.
    const lateUtc = Date.UTC(2026, 10, 4, 23, 30);
    expect(formatDayMonthYear(lateUtc)).toBe("05/11/2026");
    expect(localIsoDate(lateUtc)).toBe("2026-11-05");
    expect(parseDayMonthYear(formatDayMonthYear(lateUtc))).toBe(Date.UTC(2026, 10, 5) - HCMC);
  });
});
