import { describe, expect, it } from "vitest";
import { coverRange, type RangeSegment } from "./range-cover.js";

const HOUR = 3_600_000;
// 2026-11-23 00:00 in Ho Chi Minh City (UTC+7).
const LOCAL_MIDNIGHT = Date.UTC(2026, 10, 22, 17);

function covers(segments: RangeSegment[], from: number, to: number): boolean {
  let at = from;
  for (const s of segments) {
    if (s.from !== at || s.to <= s.from) return false;
    at = s.to;
  }
  return at === to;
}

describe("range cover", () => {
  it("reads whole local days from daily rollups, whole hours from hourly ones, the rest raw", () => {
    const from = LOCAL_MIDNIGHT - 2 * HOUR - 60_000;
    const to = LOCAL_MIDNIGHT + 3 * 24 * HOUR + 5 * HOUR + 1;
    const segments = coverRange(from, to, "day");
    expect(segments.map((s) => s.grain)).toEqual(["raw", "hour", "day", "hour", "raw"]);
    expect(segments[2]).toEqual({ grain: "day", from: LOCAL_MIDNIGHT, to: LOCAL_MIDNIGHT + 3 * 24 * HOUR });
    expect(covers(segments, from, to)).toBe(true);
  });

  it("uses only hourly rollups when the hour is needed", () => {
    const segments = coverRange(LOCAL_MIDNIGHT, LOCAL_MIDNIGHT + 30 * 24 * HOUR, "hour");
    expect(segments).toEqual([{ grain: "hour", from: LOCAL_MIDNIGHT, to: LOCAL_MIDNIGHT + 30 * 24 * HOUR }]);
  });

  it("reads a range inside one hour raw, and an aligned range without raw parts", () => {
    expect(coverRange(LOCAL_MIDNIGHT + 1, LOCAL_MIDNIGHT + HOUR - 1, "day")).toEqual([
      { grain: "raw", from: LOCAL_MIDNIGHT + 1, to: LOCAL_MIDNIGHT + HOUR - 1 },
    ]);
    expect(coverRange(LOCAL_MIDNIGHT, LOCAL_MIDNIGHT + 2 * HOUR, "day").map((s) => s.grain)).toEqual(["hour"]);
    expect(coverRange(5, 5, "day")).toEqual([]);
  });

  it("covers arbitrary ranges exactly, without overlap", () => {
    for (let i = 0; i < 500; i++) {
      const from = LOCAL_MIDNIGHT + Math.floor(Math.sin(i) * 40 * 24 * HOUR);
      const to = from + Math.floor(Math.abs(Math.cos(i * 7)) * 60 * 24 * HOUR) + 1;
      expect(covers(coverRange(from, to, "day"), from, to)).toBe(true);
      expect(covers(coverRange(from, to, "hour"), from, to)).toBe(true);
    }
  });
});

describe("range cover with months", () => {
  it("reads whole local months from monthly rollups and the rest from finer ones", () => {
    // 2026-01-01 00:00 local to 2026-04-15 10:30 local.
    const jan = Date.UTC(2026, 0, 1) - 7 * HOUR;
    const to = Date.UTC(2026, 3, 15, 10, 30) - 7 * HOUR;
    const from = jan - 30 * 60_000;
    const segments = coverRange(from, to, "month");
    expect(segments.map((s) => s.grain)).toEqual(["raw", "month", "day", "hour", "raw"]);
    expect(segments[1]).toEqual({ grain: "month", from: jan, to: Date.UTC(2026, 3, 1) - 7 * HOUR });
    expect(covers(segments, from, to)).toBe(true);
  });

  it("covers arbitrary ranges exactly with months allowed", () => {
    for (let i = 0; i < 500; i++) {
      const from = LOCAL_MIDNIGHT + Math.floor(Math.sin(i) * 400 * 24 * HOUR);
      const to = from + Math.floor(Math.abs(Math.cos(i * 7)) * 500 * 24 * HOUR) + 1;
      const segments = coverRange(from, to, "month");
      expect(covers(segments, from, to)).toBe(true);
      expect(segments.filter((s) => s.grain === "raw").length).toBeLessThanOrEqual(2);
    }
  });
});
