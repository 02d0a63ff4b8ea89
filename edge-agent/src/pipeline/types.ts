import type {
  CounterStatsSchema,
  CounterTuning,
  HealthMessage,
  IncidentMessage,
  ScoreWindowMessage,
  SnapshotResult,
  VisitEvent,
} from "@hailong/protocol";
import type { z } from "zod";

/** What a counter pipeline emits; the MQTT side publishes each through the outbox, in order. */
export type OutboundEvent =
  | { kind: "visit"; message: VisitEvent }
  | { kind: "incident"; message: IncidentMessage }
  | { kind: "score"; message: ScoreWindowMessage }
  | { kind: "health"; message: HealthMessage };

export type CounterStats = z.infer<typeof CounterStatsSchema>;

/** One camera + counter: frames in, protocol events out. Constructed without I/O; start() begins capture. */
export interface CounterPipeline {
  readonly counterId: string;
  start(): Promise<void>;
  /** Stops capture, ends open visits (emitting their end events) and completes events(). */
  stop(): Promise<void>;
  /** Every event in emission order; completes after stop() or when a non-looping source ends. */
  events(): AsyncIterable<OutboundEvent>;
  /** Applies remotely pushed tuning without restart (already validated). */
  applyTuning(tuning: CounterTuning): void;
  /** The one annotated calibration JPEG, built in memory and never stored. */
  snapshot(options: { showFaces: boolean }): Promise<SnapshotResult>;
  stats(): CounterStats;
}
