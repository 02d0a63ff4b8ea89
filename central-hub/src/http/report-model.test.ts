import type { PeriodReport } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { reportModel } from "./report-model.js";

const summary = (visits: number) => ({
  visits,
  levelCounts: { very_satisfied: visits, satisfied: 0, neutral: 0, dissatisfied: 0 },
  shares: { very_satisfied: visits ? 1 : 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
  satisfactionRate: visits ? 100 : null,
  score: visits ? 100 : null,
  incidents: 0,
});

function report(over: Partial<PeriodReport> = {}): PeriodReport {
  return {
    centreId: "hcc",
    centreName: "HCC",
    kind: "monthly",
    period: "2026-11",
    periodLabel: "tháng 11/2026",
    from: Date.UTC(2026, 9, 31, 17),
    to: Date.UTC(2026, 10, 30, 17),
    bucket: "day",
    timeZone: "Asia/Ho_Chi_Minh",
    generatedAt: Date.UTC(2026, 11, 1, 2, 3),
    total: summary(3),
    acknowledgedIncidents: 0,
    medianAckMs: null,
    byDay: [
      { ...summary(3), bucketStart: Date.UTC(2026, 10, 1, 17) },
      { ...summary(0), bucketStart: Date.UTC(2026, 10, 2, 17) },
    ],
    byCounter: [{ ...summary(3), counterId: "c1", counterName: "Quầy 1", field: "dat-dai", departmentName: "Đất đai" }],
    byDepartment: [{ ...summary(3), departmentId: "d1", departmentName: "Đất đai" }],
    byOfficial: [],
    incidents: [],
    incidentOutcomes: { open: 0, handled: 0, falseAlarm: 0, noAction: 0, unstated: 0 },
    ...over,
  } as PeriodReport;
}

describe("reportModel", () => {
  it("lists counters with a total row, departments, then the days that had visits, in Vietnam dates", () => {
    const m = reportModel(report());
    expect(m.sections.map((s) => s.title)).toEqual(["Theo quầy", "Theo lĩnh vực", "Theo ngày"]);
    expect(m.sections[0]?.rows.map((r) => [r.name, r.total ?? false])).toEqual([
      ["Quầy 1", false],
      ["Tổng cộng", true],
    ]);
    expect(m.sections[2]?.rows.map((r) => r.name)).toEqual(["02/11/2026"]);
    expect(m.period).toBe("Từ 01/11/2026 đến hết 30/11/2026");
    expect(m.generated).toBe("Lập lúc 01/12/2026 09:03 (giờ Việt Nam)");
  });

  it("adds the officials' table only when the roster named officials", () => {
    const byOfficial = [{ ...summary(3), officialId: "o1", officialName: "Nguyễn Văn A" }];
    expect(reportModel(report({ byOfficial })).sections.map((s) => s.kind)).toEqual([
      "counters",
      "departments",
      "officials",
      "buckets",
    ]);
  });
});
