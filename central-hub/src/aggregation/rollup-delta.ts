import type { IncidentMessage, LevelShares, SatisfactionLevel, VisitEvent } from "@hailong/protocol";
import { dayStart, hourStart, monthStart, weekStart } from "./buckets.js";
import { countedLevel } from "./visit-levels.js";

/** Additive figures of one counter in one bucket; rollup rows are sums of these. */
export interface RollupFigures {
  visits: number;
  levelCounts: Record<SatisfactionLevel, number>;
  shareSums: LevelShares;
  scoreSum: number;
  durationMsSum: number;
  incidents: number;
  acknowledged: number;
  responseMsSum: number;
}

export interface RollupDelta extends RollupFigures {
  counterId: string;
  /** Hour start (epoch ms) of the event the figures belong to. */
  hourStart: number;
}

export function emptyFigures(): RollupFigures {
  return {
    visits: 0,
    levelCounts: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
    shareSums: { very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0 },
    scoreSum: 0,
    durationMsSum: 0,
    incidents: 0,
    acknowledged: 0,
    responseMsSum: 0,
  };
}

/** Collects per (counter, hour) deltas over a batch so each rollup row is written once per batch. */
export class RollupAccumulator {
  private readonly deltas = new Map<string, RollupDelta>();

  private at(counterId: string, ts: number): RollupDelta {
    const hour = hourStart(ts);
    const key = `${counterId}\u0000${hour}`;
    let delta = this.deltas.get(key);
    if (delta === undefined) {
      delta = { counterId, hourStart: hour, ...emptyFigures() };
      this.deltas.set(key, delta);
    }
    return delta;
  }

  /** A visit counts in the hour it started, at its counted level (visit-levels.ts). */
  addVisitEnd(event: VisitEvent, hadIncident: boolean): void {
    const d = this.at(event.counterId, event.startedAt);
    d.visits += 1;
    d.levelCounts[countedLevel({ level: event.level, hadIncident })] += 1;
    for (const level of Object.keys(d.shareSums) as SatisfactionLevel[]) d.shareSums[level] += event.shares[level];
    d.scoreSum += event.score;
    d.durationMsSum += event.durationMs;
  }

  /** An ended visit's first incident moves it from its own level to dissatisfied, in the hour it started. */
  recountAsDissatisfied(visit: { counterId: string; startedAt: number; level: SatisfactionLevel }): void {
    if (visit.level === "dissatisfied") return;
    const d = this.at(visit.counterId, visit.startedAt);
    d.levelCounts[visit.level] -= 1;
    d.levelCounts.dissatisfied += 1;
  }

  /** Test incidents are not service quality and are left out. */
  addIncident(incident: Pick<IncidentMessage, "counterId" | "onset" | "test">): void {
    if (incident.test) return;
    this.at(incident.counterId, incident.onset).incidents += 1;
  }

  /** An acknowledgement counts in the hour of the incident's onset. */
  addAcknowledgement(incident: { counterId: string; onset: number; test: boolean }, acknowledgedAt: number): void {
    if (incident.test) return;
    const d = this.at(incident.counterId, incident.onset);
    d.acknowledged += 1;
    d.responseMsSum += Math.max(0, acknowledgedAt - incident.onset);
  }

  get size(): number {
    return this.deltas.size;
  }

  drain(): RollupDelta[] {
    const all = [...this.deltas.values()];
    this.deltas.clear();
    return all;
  }
}

/** The daily row a delta lands in, with its week and month (local time) for grouping. */
export function dailyKeys(hour: number): { dayStart: number; weekStart: number; monthStart: number } {
  return { dayStart: dayStart(hour), weekStart: weekStart(hour), monthStart: monthStart(hour) };
}
