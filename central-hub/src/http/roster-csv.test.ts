import { ROSTER_CSV_COLUMNS } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { parseRosterCsv } from "./roster-csv.js";

const counters = [
  { id: "q1", name: "Quầy Hộ tịch 1" },
  { id: "q2", name: "Quầy Đất đai 1" },
];
const header = ROSTER_CSV_COLUMNS.join(",");

describe("roster CSV import", () => {
  it("reads Vietnamese weekdays, counter names and dd/mm/yyyy dates", () => {
    const result = parseRosterCsv(
      `\uFEFF${header}\r\ncb-lan,Nguyễn Thị Lan,Quầy Hộ tịch 1,T2-T6,7:30,11:30,01/03/2026,\r\ncb-lan,Nguyễn Thị Lan,q2,"T7, CN",13:00,17:00,,\r\n`,
      "c1",
      counters,
    );
    expect(result).toEqual({
      ok: true,
      officials: [{ id: "cb-lan", centreId: "c1", name: "Nguyễn Thị Lan", active: true }],
      shifts: [
        {
          id: "cb-lan.q1.2",
          officialId: "cb-lan",
          counterId: "q1",
          days: ["mon", "tue", "wed", "thu", "fri"],
          start: "07:30",
          end: "11:30",
          validFrom: "2026-03-01",
        },
        {
          id: "cb-lan.q2.3",
          officialId: "cb-lan",
          counterId: "q2",
          days: ["sat", "sun"],
          start: "13:00",
          end: "17:00",
        },
      ],
    });
  });

  it("names every bad line in Vietnamese and imports nothing", () => {
    const result = parseRosterCsv(
      `${header}\ncb-lan,Lan,Quầy 9,T2,08:00,07:00,,\ncb minh,,q1,Thứ hai,08:00,09:00,2026-01-01,`,
      "c1",
      counters,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^Dòng 2: không có quầy "Quầy 9".*giờ kết thúc sau giờ bắt đầu/);
    expect(result.errors[1]).toMatch(/^Dòng 3: mã cán bộ.*thiếu họ tên.*thứ "Thứ hai".*dd\/mm\/yyyy/);
    expect(parseRosterCsv("a,b\n", "c1", counters)).toMatchObject({ ok: false });
  });
});
