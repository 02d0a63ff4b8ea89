import { z } from "zod";
import { IdSchema } from "../messages/common.js";
import { QueryEpochMsSchema } from "./common.js";

export const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAY_KEYS)[number];

export const OfficialDtoSchema = z
  .object({ id: IdSchema, centreId: IdSchema, name: z.string(), active: z.boolean() })
  .strict();
export type OfficialDto = z.infer<typeof OfficialDtoSchema>;

/** One roster line: the official serves the counter on these weekdays from start to end (local time, HH:mm). */
export const RosterShiftDtoSchema = z
  .object({
    id: IdSchema,
    officialId: IdSchema,
    counterId: IdSchema,
    days: z.array(z.enum(WEEKDAY_KEYS)).min(1),
    start: z.string(),
    end: z.string(),
    validFrom: z.string().optional().describe("yyyy-mm-dd"),
    validTo: z.string().optional().describe("yyyy-mm-dd"),
  })
  .strict();
export type RosterShiftDto = z.infer<typeof RosterShiftDtoSchema>;

/** GET /api/roster?centreId= : officials and shifts of the caller's centres (leaders, supervisors, admins). */
export const RosterQuerySchema = z.object({ centreId: IdSchema.optional() }).strict();
export const RosterResponseSchema = z
  .object({ officials: z.array(OfficialDtoSchema), shifts: z.array(RosterShiftDtoSchema) })
  .strict();
export type RosterResponse = z.infer<typeof RosterResponseSchema>;

/**
 * PUT /api/roster/:centreId with a text/csv body replaces the centre's roster (admins and its centre leaders).
 * Columns, Vietnamese as a centre keeps them in a spreadsheet: ROSTER_CSV_COLUMNS.
 */
export const ROSTER_CSV_COLUMNS = ["Mã cán bộ", "Họ tên", "Quầy", "Thứ", "Từ giờ", "Đến giờ", "Từ ngày", "Đến ngày"];
export const RosterImportParamsSchema = z.object({ centreId: IdSchema }).strict();
export const RosterImportResultSchema = z.object({ officials: z.number().int(), shifts: z.number().int() }).strict();

/** GET /api/officials/ranking?from&to&centreId : the per-official table (same columns as the counter ranking). */
export const OfficialRankingQuerySchema = z
  .object({ from: QueryEpochMsSchema, to: QueryEpochMsSchema, centreId: IdSchema.optional() })
  .strict();
export type OfficialRankingQuery = z.infer<typeof OfficialRankingQuerySchema>;
