import { z } from "zod";
import { EpochMsSchema, IdSchema, LevelSharesSchema } from "../messages/common.js";
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

/** GET /api/comparison?field=&centreId=&from=&to= : counters of one field side by side. */
export const ComparisonQuerySchema = z
  .object({
    field: z.string().min(1).max(64),
    centreId: IdSchema.optional(),
    from: QueryEpochMsSchema,
    to: QueryEpochMsSchema,
  })
  .strict();
export type ComparisonQuery = z.infer<typeof ComparisonQuerySchema>;

export const ComparisonRowSchema = z
  .object({
    counterId: IdSchema,
    counterName: z.string(),
    centreId: IdSchema,
    visits: z.number().int().nonnegative(),
    score: z.number().min(0).max(100).nullable(),
    shares: LevelSharesSchema,
    incidents: z.number().int().nonnegative(),
  })
  .strict();
export const ComparisonResponseSchema = z.object({ field: z.string(), rows: z.array(ComparisonRowSchema) }).strict();
export type ComparisonResponse = z.infer<typeof ComparisonResponseSchema>;
