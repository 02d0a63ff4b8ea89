import {
  type CounterTuning,
  DEFAULT_COUNTER_TUNING,
  type RoiPolygon,
  type StatsApiResponse,
  TUNING_PARAMETERS,
  type TuningParameter,
  type TuningState,
} from "@hailong/protocol";

export type ParameterEdits = Partial<Pick<CounterTuning, TuningParameter>>;

/** Where the panel's "đang dùng" values come from, best first. */
export type RunningSource = "agent" | "hub" | "default";

/**
 * The tuning the counter runs now: what the agent reports in its stats (file config with pushes laid over),
 * else the last push the hub saw confirmed, else the shared defaults (never tuned, agent not answering).
 */
export function runningTuning(
  counterId: string,
  stats: StatsApiResponse | null | undefined,
  state: TuningState | null | undefined,
): { tuning: CounterTuning; source: RunningSource } {
  const reported = stats?.counters.find((c) => c.counterId === counterId)?.tuning;
  if (reported) return { tuning: reported, source: "agent" };
  if (state?.tuning) return { tuning: state.tuning, source: "hub" };
  return { tuning: DEFAULT_COUNTER_TUNING, source: "default" };
}

/**
 * What "save" pushes: the running tuning with the drawn ROI and only the parameters the installer changed
 * on purpose. Saving an ROI therefore never moves the threshold, dwell or minimum face size.
 */
export function tuningToSave(running: CounterTuning, roi: RoiPolygon, edits: ParameterEdits): CounterTuning {
  const next: CounterTuning = { ...running, roi: roi.map(([x, y]) => [x, y] as [number, number]) };
  for (const key of TUNING_PARAMETERS) {
    const value = edits[key];
    if (value !== undefined) next[key] = value;
  }
  return next;
}

/** The parameters whose value differs from the running tuning (the ones the save message names). */
export function changedParameters(running: CounterTuning, next: CounterTuning): TuningParameter[] {
  return TUNING_PARAMETERS.filter((key) => running[key] !== next[key]);
}

/** Input bounds of each parameter as the wire schema accepts them (threshold as a probability). */
export const PARAMETER_BOUNDS: Record<TuningParameter, { min: number; max: number; step: number }> = {
  dissatisfiedThreshold: { min: 0.05, max: 0.95, step: 0.05 },
  dwellMs: { min: 0, max: 60_000, step: 500 },
  minFaceSizePx: { min: 8, max: 2000, step: 1 },
};

/** An input's text as a value of the parameter, or undefined when it is out of bounds or not a number. */
export function parseParameter(key: TuningParameter, text: string): number | undefined {
  const value = Number(text.replace(",", "."));
  const { min, max } = PARAMETER_BOUNDS[key];
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max) return undefined;
  if (key !== "dissatisfiedThreshold" && !Number.isInteger(value)) return undefined;
  return value;
}
