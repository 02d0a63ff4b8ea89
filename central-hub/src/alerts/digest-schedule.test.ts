import { describe, expect, it } from "vitest";
import { digestSlot } from "./digest-schedule.js";

const HCM = "Asia/Ho_Chi_Minh";

describe("digestSlot", () => {
  it("names the local day and the instant of its digest hour (UTC+7)", () => {
    // 2026-12-04 10:30 in Hồ Chí Minh City is 03:30 UTC
    expect(digestSlot(Date.UTC(2026, 11, 4, 3, 30), 17, HCM)).toEqual({
      day: "2026-12-04",
      dueAt: Date.UTC(2026, 11, 4, 10, 0),
    });
  });

  it("just after local midnight is already the next day", () => {
    // 2026-12-04 17:30 UTC is 2026-12-05 00:30 local
    expect(digestSlot(Date.UTC(2026, 11, 4, 17, 30), 7, HCM)).toEqual({
      day: "2026-12-05",
      dueAt: Date.UTC(2026, 11, 5, 0, 0),
    });
  });
});
