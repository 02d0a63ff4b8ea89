import type { ExpressionProbabilities } from "@hailong/models";
import type { LevelShares, SatisfactionLevel } from "@hailong/protocol";

/** Probability of each satisfaction level; sums to 1 when the expression probabilities do. */
export type LevelProbabilities = Record<SatisfactionLevel, number>;

export const LEVEL_ORDER: readonly SatisfactionLevel[] = ["very_satisfied", "satisfied", "neutral", "dissatisfied"];

/** Score points of each level; the visit/window score is the expectation of these. */
export const LEVEL_POINTS: LevelProbabilities = { very_satisfied: 100, satisfied: 75, neutral: 50, dissatisfied: 0 };

/** Sad and fear stay in the neutral level but pull the score down (see mapExpression). */
const WORRIED_POINTS = 30;

/**
 * Expression probabilities -> satisfaction levels and a 0..100 score.
 *
 * - dissatisfied = angry + disgust + contempt: exactly the model's `dissatisfied` signal behind incidents/SMS.
 * - happy is split by intensity, using its probability as the intensity proxy: very_satisfied = happy²,
 *   satisfied = happy·(1 − happy). A broad, confident smile (0.9) is mostly very satisfied; a faint or
 *   uncertain one (0.4) is mostly satisfied; the remainder of happy falls to neutral.
 * - neutral is everything else: neutral, surprise (valence-ambiguous: a citizen surprised by a quick answer
 *   or by a fee), sad and fear. Sad/fear at a service counter mostly reflect the citizen's own worry about
 *   their case, not the service, so they do not raise incidents — but they score 30 instead of 50 so a
 *   worried-looking counter still trends down on dashboards.
 * - score = 100·very_satisfied + 75·satisfied + 50·neutral' + 30·(sad+fear) + 0·dissatisfied.
 */
export function mapExpression(p: ExpressionProbabilities): { levels: LevelProbabilities; score: number } {
  const get = (k: keyof ExpressionProbabilities) => Math.max(0, p[k] ?? 0);
  const total = Object.values(p).reduce<number>((s, v) => s + Math.max(0, v ?? 0), 0);
  if (total <= 0) return { levels: { very_satisfied: 0, satisfied: 0, neutral: 1, dissatisfied: 0 }, score: 50 };
  const happy = get("happy") / total;
  const dissatisfied = (get("angry") + get("disgust") + get("contempt")) / total;
  const worried = (get("sad") + get("fear")) / total;
  const veryHappy = happy * happy;
  const satisfied = happy * (1 - happy);
  const neutral = Math.max(0, 1 - veryHappy - satisfied - dissatisfied);
  const score =
    LEVEL_POINTS.very_satisfied * veryHappy +
    LEVEL_POINTS.satisfied * satisfied +
    LEVEL_POINTS.neutral * Math.max(0, neutral - worried) +
    WORRIED_POINTS * worried;
  return {
    levels: { very_satisfied: veryHappy, satisfied, neutral, dissatisfied },
    score: clampScore(score),
  };
}

export function clampScore(score: number): number {
  return Math.min(100, Math.max(0, Math.round(score * 10) / 10));
}

/**
 * Lower score bounds of the levels: half-way between the levels' points (0, 50, 75, 100), so a level is the one
 * whose points lie nearest the score. A frame's level and a visit's overall level are both read this way, so
 * the level and the 0..100 index never disagree (docs/scoring.md).
 */
export const LEVEL_FLOORS: Readonly<Record<SatisfactionLevel, number>> = {
  very_satisfied: (LEVEL_POINTS.very_satisfied + LEVEL_POINTS.satisfied) / 2,
  satisfied: (LEVEL_POINTS.satisfied + LEVEL_POINTS.neutral) / 2,
  neutral: (LEVEL_POINTS.neutral + LEVEL_POINTS.dissatisfied) / 2,
  dissatisfied: 0,
};

/** The level whose band holds a 0..100 score. */
export function levelOfScore(score: number): SatisfactionLevel {
  for (const level of LEVEL_ORDER) if (score >= LEVEL_FLOORS[level]) return level;
  return "dissatisfied";
}

/** Time-weighted level accumulator; shares() sums to 1, or all 0 when nothing was observed. */
export function createLevelTally() {
  const ms: LevelProbabilities = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
  let scoreMs = 0;
  let totalMs = 0;
  return {
    add(level: SatisfactionLevel, score: number, weightMs: number): void {
      if (weightMs <= 0) return;
      ms[level] += weightMs;
      scoreMs += score * weightMs;
      totalMs += weightMs;
    },
    observedMs: () => totalMs,
    shares(): LevelShares {
      if (totalMs <= 0) return { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
      return {
        very_satisfied: ms.very_satisfied / totalMs,
        satisfied: ms.satisfied / totalMs,
        neutral: ms.neutral / totalMs,
        dissatisfied: ms.dissatisfied / totalMs,
      };
    },
    /** Time-weighted mean score, undefined when nothing was observed. */
    score: (): number | undefined => (totalMs > 0 ? clampScore(scoreMs / totalMs) : undefined),
    /** The visit's overall level: the band of its time-weighted mean score; neutral when nothing was observed. */
    overallLevel: (): SatisfactionLevel => (totalMs > 0 ? levelOfScore(scoreMs / totalMs) : "neutral"),
  };
}

export type LevelTally = ReturnType<typeof createLevelTally>;
