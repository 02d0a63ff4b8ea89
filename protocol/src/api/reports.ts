import { z } from "zod";
import { IdSchema } from "../messages/common.js";
import { SatisfactionSummarySchema } from "./common.js";
import { TrendPointSchema } from "./trends.js";

export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe("yyyy-mm");

/** GET /api/reports/monthly/:centreId/:month (JSON); the printable page is GET /reports/monthly/:centreId/:month */
export const MonthlyReportParamsSchema = z.object({ centreId: IdSchema, month: MonthSchema }).strict();
export type MonthlyReportParams = z.infer<typeof MonthlyReportParamsSchema>;

export const MonthlyReportSchema = z
  .object({
    centreId: IdSchema,
    centreName: z.string(),
    month: MonthSchema,
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
  })
  .strict();
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;
