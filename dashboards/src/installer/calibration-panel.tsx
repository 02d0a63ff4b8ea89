import type {
  SnapshotApiResponse,
  StatsApiResponse,
  TestIncidentResponse,
  TuningParameter,
  TuningPushResponse,
} from "@hailong/protocol";
import { useState } from "preact/hooks";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import { runCalibrationChecks } from "../calibration/checks.js";
import { type Polygon, validateRoi } from "../calibration/roi-edit.js";
import { changedParameters, type ParameterEdits, runningTuning, tuningToSave } from "../calibration/tuning-draft.js";
import { formatDateTime } from "../ui/format.js";
import { ErrorBox } from "../ui/status.js";
import { asApiError, useAsync } from "../ui/use-async.js";
import { ChecksPanel } from "./checks-panel.js";
import { RoiEditor } from "./roi-editor.js";
import { TuningParameters } from "./tuning-parameters.js";
import { useCalibrationDraft } from "./use-calibration-draft.js";

type Busy = "snapshot" | "stats" | "save" | "test" | null;

export interface CalibrationTarget {
  agentId: string;
  counterId: string;
  /** the counter's name from the directory */
  counterName: string;
  /** the agent's face detector model id, which sets the face-size check's range */
  detectorId: string | null;
}

const PARAMETER_KEYS: Record<
  TuningParameter,
  "tuning.dissatisfiedThreshold" | "tuning.dwellMs" | "tuning.minFaceSizePx"
> = {
  dissatisfiedThreshold: "tuning.dissatisfiedThreshold",
  dwellMs: "tuning.dwellMs",
  minFaceSizePx: "tuning.minFaceSizePx",
};

export function CalibrationPanel(props: CalibrationTarget & { onSaved?: () => void }) {
  const { agentId, counterId } = props;
  const { api, t, session } = useApp();
  const state = useAsync(() => api.tuning(counterId), [counterId]);
  const live = useAsync(() => api.stats(agentId), [agentId]);
  const draft = useCalibrationDraft(counterId);
  const [stats, setStats] = useState<StatsApiResponse | null>(null);
  const [edits, setEdits] = useState<ParameterEdits>({});
  const [showFaces, setShowFaces] = useState(false);
  const [faceView, setFaceView] = useState<SnapshotApiResponse | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<{ action: Busy; error: ApiRequestError } | null>(null);
  const [saved, setSaved] = useState<{ response: TuningPushResponse; changed: TuningParameter[]; at: number } | null>(
    null,
  );
  const [testResult, setTestResult] = useState<TestIncidentResponse | null>(null);

  const run = async <T,>(action: Exclude<Busy, null>, call: () => Promise<T>, done: (value: T) => void) => {
    setBusy(action);
    setError(null);
    try {
      done(await call());
    } catch (failure) {
      setError({ action, error: asApiError(failure) });
    } finally {
      setBusy(null);
    }
  };

  const currentStats = stats ?? live.data ?? null;
  const running = runningTuning(counterId, currentStats, state.data);
  const roi: Polygon = draft.roi ?? running.tuning.roi;
  const roiProblem = validateRoi(roi);
  const snapshot = faceView ?? draft.snapshot;
  const next = tuningToSave(running.tuning, roi as typeof running.tuning.roi, edits);
  const checks = runCalibrationChecks({
    snapshot,
    stats: currentStats,
    counterId,
    tuning: next,
    detectorId: props.detectorId,
  });
  const windowMs = currentStats?.counters.find((c) => c.counterId === counterId)?.windowMs ?? null;
  const mayShowFaces = session?.user.role === "admin";
  const loaded = !state.loading && !live.loading;

  const takeSnapshot = () =>
    run(
      "snapshot",
      () => api.snapshot(agentId, counterId, mayShowFaces && showFaces),
      (s) => {
        if (s.facesBlurred) {
          draft.setSnapshot(s);
          setFaceView(null);
        } else setFaceView(s);
        void run("stats", () => api.stats(agentId), setStats);
      },
    );

  const save = async () => {
    setSaved(null);
    const changed = changedParameters(running.tuning, next);
    await run(
      "save",
      () => api.pushTuning(counterId, next),
      (response) => {
        setSaved({ response, changed, at: Date.now() });
        draft.setRoi(undefined);
        setEdits({});
      },
    );
    state.reload();
    live.reload();
    setStats(null);
    // Success or not, the agent's state may have changed (new version, or it went offline).
    props.onSaved?.();
  };

  return (
    <>
      <section class="card" aria-labelledby="snapshot-title">
        <h2 id="snapshot-title">{t("installer.snapshot")}</h2>
        <div class="controls">
          <button type="button" disabled={busy !== null} data-testid="take-snapshot" onClick={takeSnapshot}>
            {busy === "snapshot" ? t("common.working") : t("installer.takeSnapshot")}
          </button>
          <button
            type="button"
            class="secondary"
            disabled={busy !== null}
            onClick={() => run("stats", () => api.stats(agentId), setStats)}
          >
            {busy === "stats" ? t("common.working") : t("installer.refreshStats")}
          </button>
          {mayShowFaces && (
            <label class="inline">
              <input type="checkbox" checked={showFaces} onChange={(e) => setShowFaces(e.currentTarget.checked)} />
              {t("installer.showFaces")}
            </label>
          )}
        </div>
        <p class="muted">{t("installer.snapshotWait")}</p>
        {snapshot && (
          <p class="muted" data-testid="snapshot-meta">
            {t("installer.snapshotMeta", {
              w: snapshot.width,
              h: snapshot.height,
              faces: snapshot.faces.length,
              blurred: snapshot.facesBlurred ? t("installer.blurred") : t("installer.notBlurred"),
            })}
          </p>
        )}
        {snapshot?.facesBlurred && <p class="muted">{t("installer.privacyNote")}</p>}
        {(error?.action === "snapshot" || error?.action === "stats") && <ErrorBox error={error.error} />}
        <RoiEditor
          polygon={roi}
          onChange={(polygon) => {
            draft.setRoi(polygon);
            setSaved(null);
          }}
          width={snapshot?.width ?? 640}
          height={snapshot?.height ?? 480}
          imageUrl={snapshot ? `data:image/jpeg;base64,${snapshot.jpegBase64}` : null}
        />
        {roiProblem && (
          <p class="warning" role="status">
            {t(`roi.problem.${roiProblem}`)}
          </p>
        )}
        {draft.roi && (
          <p class="muted" data-testid="draft-kept">
            {t("installer.draftKept")}{" "}
            <button type="button" class="link" onClick={() => draft.setRoi(undefined)}>
              {t("installer.discardDraft")}
            </button>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="checks-title">
        <h2 id="checks-title">{t("checks.title")}</h2>
        <ChecksPanel checks={checks} windowMs={windowMs} />
      </section>
      <section class="card" aria-labelledby="save-title">
        <h2 id="save-title">{t("installer.saveTitle")}</h2>
        <p class="muted" data-testid="config-in-use">
          {state.data?.configVersion != null
            ? t("installer.current", {
                version: state.data.configVersion,
                time: formatDateTime(state.data.updatedAt),
                by: state.data.updatedBy ?? "—",
              })
            : loaded && t("installer.neverSaved")}
        </p>
        {loaded && <p class="muted">{t(`tuning.source.${running.source}`)}</p>}
        <TuningParameters running={running.tuning} edits={edits} onEdit={setEdits} />
        <div class="controls">
          <button
            type="button"
            data-testid="save-tuning"
            disabled={busy !== null || roiProblem !== undefined || !loaded}
            onClick={save}
          >
            {busy === "save" ? t("installer.saving") : t("installer.save")}
          </button>
          <button
            type="button"
            class="secondary"
            data-testid="test-incident"
            disabled={busy !== null}
            onClick={() => {
              setTestResult(null);
              void run("test", () => api.testIncident(counterId), setTestResult);
            }}
          >
            {busy === "test" ? t("common.working") : t("installer.testIncident")}
          </button>
        </div>
        <div aria-live="polite">
          {saved && (
            <p class="success" data-testid="save-confirmed">
              {t("installer.confirmed", {
                version: saved.response.configVersion,
                counter: props.counterName,
                time: formatDateTime(saved.at),
              })}{" "}
              {saved.changed.length === 0
                ? t("installer.unchangedParameters")
                : t("installer.changedParameters", {
                    list: saved.changed.map((key) => t(PARAMETER_KEYS[key])).join(", "),
                  })}
            </p>
          )}
          {testResult && (
            <p class="success" data-testid="test-result">
              {t("installer.testSent", {
                to: testResult.smsTo ?? t("installer.noPhone"),
                status: testResult.smsStatus,
              })}
            </p>
          )}
          {(error?.action === "save" || error?.action === "test") && (
            <ErrorBox
              error={error.error}
              title={error.action === "save" ? t("installer.saveFailed") : t("installer.testFailed")}
            />
          )}
        </div>
      </section>
    </>
  );
}
