import {
  INCIDENT_MESSAGE_VERSION,
  type IncidentMessage,
  type LevelShares,
  SATISFACTION_LEVELS,
  type SatisfactionLevel,
  type VisitEvent,
} from "@hailong/protocol";

/** A counter whose past the demo invents, with how its citizens tend to leave (shares of visits per level). */
export interface HistoryCounter {
  counterId: string;
  agentId: string;
  /** Chance per level at the start of the history; the counter improves a little towards `mixEnd`. */
  mixStart: Record<SatisfactionLevel, number>;
  mixEnd: Record<SatisfactionLevel, number>;
  visitsPerDay: number;
}

export type HistoryMessage = { kind: "visit"; message: VisitEvent } | { kind: "incident"; message: IncidentMessage };

/** Ho Chi Minh City is UTC+7 all year. */
const HCM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Working hours as minutes after local midnight (mornings and afternoons, Monday to Saturday morning). */
const SESSIONS: Array<[number, number]> = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];

/** mulberry32: the same seed gives the same history, so message ids are stable and a re-seed is deduplicated. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick(mix: Record<SatisfactionLevel, number>, r: number): SatisfactionLevel {
  const total = SATISFACTION_LEVELS.reduce((s, l) => s + mix[l], 0);
  let left = r * total;
  for (const level of SATISFACTION_LEVELS) {
    left -= mix[level];
    if (left < 0) return level;
  }
  return "neutral";
}

/** Time-weighted shares dominated by the visit's level, the rest spread over its neighbours. */
function sharesFor(level: SatisfactionLevel, r: number): LevelShares {
  const shares: LevelShares = { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
  const main = 0.55 + 0.35 * r;
  const index = SATISFACTION_LEVELS.indexOf(level);
  const neighbour = SATISFACTION_LEVELS[index === SATISFACTION_LEVELS.length - 1 ? index - 1 : index + 1]!;
  shares[level] = Math.round(main * 1000) / 1000;
  shares[neighbour] = Math.round((1 - main) * 1000) / 1000;
  return shares;
}

const LEVEL_SCORE: Record<SatisfactionLevel, number> = {
  very_satisfied: 100,
  satisfied: 75,
  neutral: 50,
  dissatisfied: 0,
};

function scoreOf(shares: LevelShares): number {
  const score = SATISFACTION_LEVELS.reduce((s, l) => s + shares[l] * LEVEL_SCORE[l], 0);
  return Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;
}

function blend(a: Record<SatisfactionLevel, number>, b: Record<SatisfactionLevel, number>, t: number) {
  const out = { ...a };
  for (const level of SATISFACTION_LEVELS) out[level] = a[level] + (b[level] - a[level]) * t;
  return out;
}

/** One visit's start, its incident's start and end if it had one, and its end. */
function visitMessages(
  counter: HistoryCounter,
  id: string,
  startedAt: number,
  level: SatisfactionLevel,
  random: () => number,
): HistoryMessage[] {
  const durationMs = Math.round((3 + random() * 12) * MINUTE_MS);
  const endedAt = startedAt + durationMs;
  const shares = sharesFor(level, random());
  const base = { v: 1 as const, agentId: counter.agentId, counterId: counter.counterId, visitId: id };
  const visit = { ...base, startedAt, shares, score: scoreOf(shares), level };
  const out: HistoryMessage[] = [
    {
      kind: "visit",
      message: { ...visit, id: `${id}-vs`, ts: startedAt, kind: "start", seq: 0, durationMs: 0, frames: 0 },
    },
  ];
  if (level === "dissatisfied" && random() < 0.35) {
    const onset = Math.round(startedAt + durationMs / 3);
    const incident = {
      ...base,
      v: INCIDENT_MESSAGE_VERSION,
      incidentId: `${id}-inc`,
      onset,
      peak: Math.round((0.6 + 0.3 * random()) * 100) / 100,
      peakAt: onset + 2_000,
      durationMs: 8_000,
      episodes: 1,
      lastSeenAt: onset + 8_000,
      threshold: 0.4,
      test: false,
    } as const;
    out.push({ kind: "incident", message: { ...incident, id: `${id}-is`, ts: onset + 2_000, phase: "start" } });
    out.push({ kind: "incident", message: { ...incident, id: `${id}-ie`, ts: endedAt, phase: "end", endedAt } });
  }
  const frames = Math.round(durationMs / 200);
  out.push({
    kind: "visit",
    message: { ...visit, id: `${id}-ve`, ts: endedAt, kind: "end", seq: 1, endedAt, durationMs, frames },
  });
  return out;
}

/**
 * Visits (start and end events) and incidents (start and end phases) the counters' agents would have sent
 * over the `days` local days before `now`, in working hours: plain protocol messages for the hub's real
 * ingest. Deterministic for a given `now` day and seed. Pure.
 */
export function demoHistory(options: {
  counters: readonly HistoryCounter[];
  days: number;
  now: number;
  seed?: number;
}): HistoryMessage[] {
  const out: HistoryMessage[] = [];
  const todayLocal = Math.floor((options.now + HCM_OFFSET_MS) / DAY_MS);
  for (const [counterIndex, counter] of options.counters.entries()) {
    const random = randomFrom((options.seed ?? 2025) * 31 + counterIndex);
    for (let d = options.days; d >= 1; d--) {
      const dayLocal = todayLocal - d;
      const weekday = new Date(dayLocal * DAY_MS).getUTCDay();
      if (weekday === 0) continue;
      const sessions = weekday === 6 ? SESSIONS.slice(0, 1) : SESSIONS;
      const dayStart = dayLocal * DAY_MS - HCM_OFFSET_MS;
      const mix = blend(counter.mixStart, counter.mixEnd, 1 - d / options.days);
      const visits = Math.round(counter.visitsPerDay * (0.7 + 0.6 * random()) * (weekday === 6 ? 0.5 : 1));
      for (let v = 0; v < visits; v++) {
        const [open, close] = sessions[Math.floor(random() * sessions.length)]!;
        const startedAt = Math.round(dayStart + (open + random() * (close - open - 15)) * MINUTE_MS);
        const id = `hist-${counter.counterId}-${dayLocal}-${v}`.replace(/[^A-Za-z0-9_-]/g, "");
        out.push(...visitMessages(counter, id, startedAt, pick(mix, random()), random));
      }
    }
  }
  return out;
}

const mix = (very_satisfied: number, satisfied: number, neutral: number, dissatisfied: number) => ({
  very_satisfied,
  satisfied,
  neutral,
  dissatisfied,
});

/** The demo centre's camera counters: a friendly one, an average one, and one that starts poorly and improves. */
export const DEMO_HISTORY_COUNTERS: readonly HistoryCounter[] = [
  {
    counterId: "bn-hotich-1",
    agentId: "agent-bn-1",
    mixStart: mix(30, 55, 12, 3),
    mixEnd: mix(35, 55, 8, 2),
    visitsPerDay: 22,
  },
  {
    counterId: "bn-hotich-2",
    agentId: "agent-bn-2",
    mixStart: mix(15, 55, 22, 8),
    mixEnd: mix(20, 58, 17, 5),
    visitsPerDay: 18,
  },
  {
    counterId: "bn-datdai-1",
    agentId: "agent-bn-3",
    mixStart: mix(8, 42, 30, 20),
    mixEnd: mix(15, 55, 20, 10),
    visitsPerDay: 14,
  },
];
