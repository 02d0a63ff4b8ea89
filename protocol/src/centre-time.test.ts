import { describe, expect, it } from "vitest";
import { formatVietnamDateTime } from "./centre-time.js";

describe("formatVietnamDateTime", () => {
  it("writes dd/mm/yyyy HH:mm in Vietnam time, past midnight when UTC is still the day before", () => {
    expect(formatVietnamDateTime(Date.UTC(2026, 11, 4, 17, 30))).toBe("05/12/2026 00:30");
    expect(formatVietnamDateTime(Date.UTC(2026, 0, 9, 8, 5))).toBe("09/01/2026 15:05");
  });
});
