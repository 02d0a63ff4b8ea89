import { describe, expect, it } from "vitest";
import { createDutyResolver } from "./roster.js";

const at = (iso: string) => Date.parse(`${iso}+07:00`);

describe("official on duty", () => {
  const onDuty = createDutyResolver([
    { id: "s1", officialId: "lan", counterId: "q1", days: ["mon", "tue"], start: "07:30", end: "11:30" },
    {
      id: "s2",
      officialId: "minh",
      counterId: "q1",
      days: ["mon"],
      start: "13:00",
      end: "17:00",
      validTo: "2026-03-31",
    },
    {
      id: "s3",
      officialId: "hoa",
      counterId: "q1",
      days: ["mon"],
      start: "13:00",
      end: "17:00",
      validFrom: "2026-04-01",
    },
  ]);

  it("takes the shift covering the counter's local weekday, time and date", () => {
    expect(onDuty("q1", at("2026-03-02T08:00:00"))).toBe("lan"); // a Monday morning
    expect(onDuty("q1", at("2026-03-02T14:00:00"))).toBe("minh");
    expect(onDuty("q1", at("2026-04-06T14:00:00"))).toBe("hoa"); // after the handover
  });

  it("leaves visits outside every shift, or at another counter, unattributed", () => {
    expect(onDuty("q1", at("2026-03-02T11:30:00"))).toBeUndefined();
    expect(onDuty("q1", at("2026-03-04T08:00:00"))).toBeUndefined(); // a Wednesday
    expect(onDuty("q2", at("2026-03-02T08:00:00"))).toBeUndefined();
  });
});
