import type { AnalysedFace, ExpressionProbabilities } from "@hailong/models";
import type { CounterConfig } from "../config/schema.js";
import { CounterConfigSchema } from "../config/schema.js";
import type { AnalysedFrame } from "./counter-engine.js";

/** Test helpers: synthetic analysed faces and frame sequences (no models). */
export const EXPRESSIONS = {
  neutral: { neutral: 0.9, happy: 0.04, sad: 0.03, angry: 0.01, surprise: 0.02 },
  angry: { angry: 0.85, disgust: 0.05, neutral: 0.08, sad: 0.02 },
  happy: { happy: 0.95, neutral: 0.05 },
  slightSmile: { happy: 0.4, neutral: 0.6 },
  sad: { sad: 0.8, neutral: 0.2 },
} satisfies Record<string, ExpressionProbabilities>;

export function syntheticFace(
  expression: ExpressionProbabilities,
  box = { x: 400, y: 200, width: 160, height: 200 },
): AnalysedFace {
  const dissatisfied = (expression.angry ?? 0) + (expression.disgust ?? 0) + (expression.contempt ?? 0);
  return { box, score: 0.95, expression, dissatisfied };
}

/** One face per frame at `fps` for each [expression, durationMs] segment; null expression = no face. */
export function sequence(
  segments: [ExpressionProbabilities | null, number][],
  fps = 10,
  start = 1_700_000_000_000,
): AnalysedFrame[] {
  const frames: AnalysedFrame[] = [];
  let ts = start;
  for (const [expression, durationMs] of segments) {
    const n = Math.round((durationMs * fps) / 1000);
    for (let i = 0; i < n; i++) {
      frames.push({ ts, width: 1280, height: 720, faces: expression ? [syntheticFace(expression)] : [] });
      ts += 1000 / fps;
    }
  }
  return frames;
}

export function testCounter(overrides: Record<string, unknown> = {}): CounterConfig {
  return CounterConfigSchema.parse({ id: "c1", camera: { type: "folder", dir: "unused" }, ...overrides });
}
