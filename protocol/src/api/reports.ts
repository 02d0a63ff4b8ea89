import { z } from "zod";
import { IdSchema } from "../messages/common.js";
import { SatisfactionSummarySchema } from "./common.js";
import { IncidentOutcomeSchema, IncidentStatusSchema } from "./incidents.js";
import { TrendPointSchema } from "./trends.js";

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe("yyyy-mm");

/** GET /api/reports/monthly/:centreId/:month (JSON); the printable page is GET /reports/monthly/:centreId/:month */
export const MonthlyReportParamsSchema = z.object({ centreId: IdSchema, month: MonthSchema }).strict();
export type MonthlyReportParams = z.infer<typeof MonthlyReportParamsSchema>;

export const REPORT_KINDS = ["monthly", "quarterly", "yearly"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A report period: yyyy-mm (month), yyyy-Qn (quarter), yyyy (year). */
export const ReportPeriodSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/)
  .describe("yyyy-mm, yyyy-Qn or yyyy");

/** Ho Chi Minh City is UTC+7 all year (no DST), so local period bounds are a fixed offset from UTC. */
const HCMC_OFFSET_MS = 7 * 3_600_000;

/** [from, to) of a valid report period (yyyy-mm, yyyy-Qn, yyyy) in Ho Chi Minh City time, epoch ms. Pure. */
export function reportPeriodBounds(period: string): { from: number; to: number } {
  const year = Number(period.slice(0, 4));
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const [firstMonth, months] = quarter
    ? [3 * (Number(quarter[1]) - 1), 3]
    : period.length === 4
      ? [0, 12]
      : [Number(period.slice(5, 7)) - 1, 1];
  return {
    from: Date.UTC(year, firstMonth, 1) - HCMC_OFFSET_MS,
    to: Date.UTC(year, firstMonth + months, 1) - HCMC_OFFSET_MS,
  };
}

/** GET /api/reports/:kind/:centreId/:period (JSON); the printable page, .xlsx and .pdf under /reports/... */
export const ReportParamsSchema = z
  .object({ kind: z.enum(REPORT_KINDS), centreId: IdSchema, period: ReportPeriodSchema })
  .strict()
  .refine(
    (p) =>
      (p.kind === "monthly" && p.period.length === 7 && !p.period.includes("Q")) ||
      (p.kind === "quarterly" && p.period.includes("Q")) ||
      (p.kind === "yearly" && p.period.length === 4),
    { message: "period does not match the report kind" },
  );
export type ReportParams = z.infer<typeof ReportParamsSchema>;

/** An incident as a filed report lists it: when, where, and what the person who acknowledged it found. */
export const ReportIncidentSchema = z
  .object({
    raisedAt: z.number().int(),
    counterName: z.string(),
    durationMs: z.number().int().nonnegative(),
    status: IncidentStatusSchema,
    outcome: IncidentOutcomeSchema.nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: z.number().int().nullable(),
    note: z.string().nullable(),
  })
  .strict();
export type ReportIncident = z.infer<typeof ReportIncidentSchema>;

export const MonthlyReportSchema = z
  .object({
    centreId: IdSchema,
    centreName: z.string(),
    kind: z.enum(REPORT_KINDS),
    period: ReportPeriodSchema,
    periodLabel: z.string().describe("the period in Vietnamese: tháng 11/2026, quý IV/2026, năm 2026"),
    from: z.number().int(),
    to: z.number().int(),
    bucket: z.enum(["day", "month"]).describe("bucket of `byDay`: days for a month, months for a quarter or year"),
    timeZone: z.string(),
    generatedAt: z.number().int(),
    total: SatisfactionSummarySchema,
    acknowledgedIncidents: z.number().int().nonnegative(),
    medianAckMs: z.number().nonnegative().nullable().describe("median time from incident to acknowledgement"),
    byDay: z.array(TrendPointSchema),
    byCounter: z.array(
      SatisfactionSummarySchema.extend({
        counterId: IdSchema,
        counterName: z.string(),
        field: z.string(),
        departmentName: z.string().nullable().describe("the field as the directory names it, for display"),
      }).strict(),
    ),
    byDepartment: z.array(
      SatisfactionSummarySchema.extend({ departmentId: IdSchema, departmentName: z.string() }).strict(),
    ),
    byOfficial: z
      .array(SatisfactionSummarySchema.extend({ officialId: IdSchema, officialName: z.string() }).strict())
      .describe("per official on duty (roster); only for the centre's leaders and supervisors, empty otherwise"),
    incidents: z.array(ReportIncidentSchema).describe("the period's incidents, newest first (at most 500)"),
    incidentOutcomes: z
      .object({
        open: z.number().int(),
        handled: z.number().int(),
        falseAlarm: z.number().int(),
        noAction: z.number().int(),
        unstated: z.number().int(),
      })
      .strict()
      .describe("all the period's incidents by what was found"),
  })
  .strict();
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;
/** The same report for a month, a quarter or a year. */
export const PeriodReportSchema = MonthlyReportSchema;
export type PeriodReport = MonthlyReport;
