import { describe, expect, it } from "vitest";
import { falseAlarmShare } from "./ranking.js";

describe("false-alarm share in the ranking", () => {
  it("is the share of labelled incidents marked false alarm, and empty before any label", () => {
    expect(falseAlarmShare(undefined)).toBeNull();
    expect(falseAlarmShare({ labelled: 0, falseAlarms: 0 })).toBeNull();
    expect(falseAlarmShare({ labelled: 10, falseAlarms: 4 })).toBe(0.4);
    expect(falseAlarmShare({ labelled: 3, falseAlarms: 1 })).toBe(0.333);
  });
});
