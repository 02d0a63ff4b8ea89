import { formatVietnamDateTime, type PeriodReport } from "@hailong/protocol";
import {
  formatBucket,
  INCIDENT_HEADERS,
  incidentCells,
  NATIONAL_HEADER,
  outcomeSummary,
  reportTitle,
  SUMMARY_HEADERS,
  summaryCells,
} from "./report-words.js";

/** The two signature blocks at the foot of a filed report: who signs, and the hint under it. */
const SIGNATURES = [
  { title: "NGƯỜI LẬP BÁO CÁO", hint: "(Ký, ghi rõ họ tên)" },
  { title: "THỦ TRƯỞNG ĐƠN VỊ", hint: "(Ký, ghi rõ họ tên, đóng dấu)" },
] as const;

export interface ReportRow {
  name: string;
  /** the counter's department, printed with its name */
  sub?: string | null;
  /** under SUMMARY_HEADERS; null where there were no visits */
  cells: Array<number | null>;
  total?: boolean;
}

/** One summary table of a report: its heading, the first column's header and its rows. */
export interface ReportSection {
  kind: "counters" | "departments" | "officials" | "buckets";
  title: string;
  first: string;
  rows: ReportRow[];
}

/** Everything a filed report prints, in order, as words and cells: its page and its workbook only lay it out. */
export interface ReportModel {
  nationalHeader: readonly string[];
  title: string;
  /** "Từ dd/mm/yyyy đến hết dd/mm/yyyy" */
  period: string;
  summaryHeaders: readonly string[];
  sections: ReportSection[];
  incidentHeaders: readonly string[];
  incidents: Array<Array<string | number>>;
  /** the period's incidents by outcome, in words */
  outcomes: string;
  /** "Lập lúc dd/mm/yyyy HH:mm (giờ Việt Nam)" */
  generated: string;
  signatures: typeof SIGNATURES;
}

export function reportModel(report: PeriodReport): ReportModel {
  const day = (ms: number) => formatVietnamDateTime(ms).slice(0, 10);
  return {
    nationalHeader: NATIONAL_HEADER,
    title: reportTitle(report),
    period: `Từ ${day(report.from)} đến hết ${day(report.to - 1)}`,
    summaryHeaders: SUMMARY_HEADERS,
    sections: reportSections(report),
    incidentHeaders: INCIDENT_HEADERS,
    incidents: report.incidents.map(incidentCells),
    outcomes: outcomeSummary(report.incidentOutcomes),
    generated: `Lập lúc ${formatVietnamDateTime(report.generatedAt)} (giờ Việt Nam)`,
    signatures: SIGNATURES,
  };
}

/** The summary tables in print order; the officials' only when the roster gave any. */
function reportSections(report: PeriodReport): ReportSection[] {
  const days = report.bucket === "day";
  const sections: ReportSection[] = [
    {
      kind: "counters",
      title: "Theo quầy",
      first: "Quầy",
      rows: [
        ...report.byCounter.map((c) => ({ name: c.counterName, sub: c.departmentName, cells: summaryCells(c) })),
        { name: "Tổng cộng", cells: summaryCells(report.total), total: true },
      ],
    },
    {
      kind: "departments",
      title: "Theo lĩnh vực",
      first: "Lĩnh vực",
      rows: report.byDepartment.map((d) => ({ name: d.departmentName, cells: summaryCells(d) })),
    },
  ];
  if (report.byOfficial.length > 0) {
    const rows = report.byOfficial.map((o) => ({ name: o.officialName, cells: summaryCells(o) }));
    sections.push({ kind: "officials", title: "Theo cán bộ", first: "Cán bộ", rows });
  }
  const buckets = report.byDay.filter((b) => b.visits > 0);
  sections.push({
    kind: "buckets",
    title: days ? "Theo ngày" : "Theo tháng",
    first: days ? "Ngày" : "Tháng",
    rows: buckets.map((b) => ({ name: formatBucket(b.bucketStart, report.bucket), cells: summaryCells(b) })),
  });
  return sections;
}
