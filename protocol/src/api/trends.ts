import { z } from "zod";
import { EpochMsSchema, IdSchema } from "../messages/common.js";
import { PeriodSchema, QueryEpochMsSchema, SatisfactionSummarySchema, ScopeSchema } from "./common.js";

/** GET /api/trends?scope=counter&id=c1&period=day&from=..&to=.. */
export const TrendQuerySchema = z
  .object({
    scope: ScopeSchema,
    id: IdSchema,
    period: PeriodSchema,
    from: QueryEpochMsSchema,
    to: QueryEpochMsSchema,
  })
  .strict();
export type TrendQuery = z.infer<typeof TrendQuerySchema>;

export const TrendPointSchema = SatisfactionSummarySchema.extend({
  bucketStart: EpochMsSchema.describe("start of the hour/day/week (Monday)/month in the hub's time zone"),
}).strict();
export type TrendPoint = z.infer<typeof TrendPointSchema>;

export const TrendResponseSchema = z
  .object({
    scope: ScopeSchema,
    id: IdSchema,
    period: PeriodSchema,
    timeZone: z.string(),
    points: z.array(TrendPointSchema).describe("one per bucket in range, empty buckets included with visits 0"),
    total: SatisfactionSummarySchema,
    target: z.number().min(0).max(100).describe("target tỷ lệ hài lòng (%) of the entity's centre"),
  })
  .strict();
export type TrendResponse = z.infer<typeof TrendResponseSchema>;

/** GET /api/heatmap?scope=&id=&from=&to= : hour of day x weekday. */
export const HeatmapQuerySchema = z
  .object({ scope: ScopeSchema, id: IdSchema, from: QueryEpochMsSchema, to: QueryEpochMsSchema })
  .strict();
export type HeatmapQuery = z.infer<typeof HeatmapQuerySchema>;

export const HeatmapCellSchema = z
  .object({
    weekday: z.number().int().min(0).max(6).describe("0 = Monday .. 6 = Sunday"),
    hour: z.number().int().min(0).max(23),
    visits: z.number().int().nonnegative(),
    score: z.number().min(0).max(100).nullable(),
  })
  .strict();
export type HeatmapCell = z.infer<typeof HeatmapCellSchema>;

export const HeatmapResponseSchema = z
  .object({
    scope: ScopeSchema,
    id: IdSchema,
    timeZone: z.string(),
    cells: z.array(HeatmapCellSchema).describe("only cells with visits > 0"),
  })
  .strict();
export type HeatmapResponse = z.infer<typeof HeatmapResponseSchema>;

/**
 * GET /api/comparison?from=&to=[&centreId=][&field=][&groupBy=counter|centre] : one ranking over every counter of
 * the caller's centres (or every centre, for city-level roles), against the previous period of the same length.
 */
export const ComparisonQuerySchema = z
  .object({
    from: QueryEpochMsSchema,
    to: QueryEpochMsSchema,
    centreId: IdSchema.optional(),
    field: z.string().min(1).max(64).optional().describe("only counters of this field"),
    groupBy: z.enum(["counter", "centre"]).default("counter"),
  })
  .strict();
export type ComparisonQuery = z.infer<typeof ComparisonQuerySchema>;

export const ComparisonRowSchema = SatisfactionSummarySchema.extend({
  id: IdSchema.describe("counter, centre or official id"),
  name: z.string(),
  centreId: IdSchema,
  centreName: z.string(),
  departmentName: z.string().nullable().describe("the counter's department (field) as the directory names it"),
  incidentsPer100: z.number().nonnegative().nullable().describe("incidents per 100 visits; null without visits"),
  falseAlarmShare: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("share of incidents with a recorded outcome that were false alarms; null until outcomes exist"),
  previousRate: z.number().min(0).max(100).nullable().describe("tỷ lệ hài lòng in the previous period"),
  change: z.number().nullable().describe("tỷ lệ hài lòng now minus before, in percentage points"),
  target: z.number().min(0).max(100).describe("the centre's target tỷ lệ hài lòng (%)"),
}).strict();
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;

export const ComparisonResponseSchema = z
  .object({
    groupBy: z.enum(["counter", "centre", "official"]),
    from: EpochMsSchema,
    to: EpochMsSchema,
    previousFrom: EpochMsSchema.describe("the previous period is [previousFrom, from)"),
    rows: z.array(ComparisonRowSchema).describe("worst tỷ lệ hài lòng first; rows without visits last"),
  })
  .strict();
export type ComparisonResponse = z.infer<typeof ComparisonResponseSchema>;
