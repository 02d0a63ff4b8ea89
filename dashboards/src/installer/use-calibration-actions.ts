import type { CounterTuning, SnapshotApiResponse, StatsApiResponse, TestIncidentResponse } from "@hailong/protocol";
import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { changedParameters } from "../calibration/tuning-draft.js";
import { useAsync } from "../ui/use-async.js";
import type { SavedTuning } from "./save-card.js";
import { useBusyAction } from "./use-busy-action.js";
import type { useCalibrationDraft } from "./use-calibration-draft.js";

type Draft = ReturnType<typeof useCalibrationDraft>;

/**
 * What the calibration panel asks of the hub and the agent: the tuning in use and the agent's stats, a
 * snapshot (a privacy snapshot is kept in the draft, a view with faces only in memory), saving the tuning,
 * and a test incident. One action at a time.
 */
export function useCalibrationActions(agentId: string, counterId: string, draft: Draft, onSaved?: () => void) {
  const { api } = useApp();
  const state = useAsync(() => api.tuning(counterId), [counterId]);
  const live = useAsync(() => api.stats(agentId), [agentId]);
  const { busy, error, run } = useBusyAction<"snapshot" | "stats" | "save" | "test">();
  const [stats, setStats] = useState<StatsApiResponse | null>(null);
  const [faceView, setFaceView] = useState<SnapshotApiResponse | null>(null);
  const [saved, setSaved] = useState<SavedTuning | null>(null);
  const [testResult, setTestResult] = useState<TestIncidentResponse | null>(null);

  const refreshStats = () => run("stats", () => api.stats(agentId), setStats);
  const takeSnapshot = (withFaces: boolean) =>
    run(
      "snapshot",
      () => api.snapshot(agentId, counterId, withFaces),
      (s) => {
        if (s.facesBlurred) {
          draft.setSnapshot(s);
          setFaceView(null);
        } else setFaceView(s);
        void refreshStats();
      },
    );
  /** Pushes `next`; once the agent confirmed it, the drawn ROI is dropped and `onConfirmed` runs. */
  const save = async (running: CounterTuning, next: CounterTuning, onConfirmed: () => void) => {
    setSaved(null);
    const changed = changedParameters(running, next);
    await run(
      "save",
      () => api.pushTuning(counterId, next),
      (response) => {
        setSaved({ response, changed, at: Date.now() });
        draft.setRoi(undefined);
        onConfirmed();
      },
    );
    state.reload();
    live.reload();
    setStats(null);
    // Success or not, the agent's state may have changed (new version, or it went offline).
    onSaved?.();
  };
  const testIncident = () => {
    setTestResult(null);
    void run("test", () => api.testIncident(counterId), setTestResult);
  };

  return {
    state,
    loaded: !state.loading && !live.loading,
    stats: stats ?? live.data ?? null,
    snapshot: faceView ?? draft.snapshot,
    busy,
    error,
    saved,
    clearSaved: () => setSaved(null),
    testResult,
    refreshStats,
    takeSnapshot,
    save,
    testIncident,
  };
}
