import {
  type CounterTuning,
  FULL_FRAME_ROI,
  type SnapshotApiResponse,
  type StatsApiResponse,
  type TestIncidentResponse,
  type TuningPushResponse,
} from "@hailong/protocol";
import { useEffect, useState } from "preact/hooks";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import { runCalibrationChecks } from "../calibration/checks.js";
import { type Polygon, validateRoi } from "../calibration/roi-edit.js";
import { ErrorBox } from "../ui/status.js";
import { asApiError, useAsync } from "../ui/use-async.js";
import { ChecksPanel } from "./checks-panel.js";
import { RoiEditor } from "./roi-editor.js";

/** Same values as the edge agent's config defaults, used until the counter was ever tuned. */
const DEFAULT_TUNING: CounterTuning = {
  roi: FULL_FRAME_ROI,
  minFaceSizePx: 40,
  dissatisfiedThreshold: 0.5,
  dwellMs: 2000,
};

type Busy = "snapshot" | "stats" | "save" | "test" | null;

export function CalibrationPanel(props: { agentId: string; counterId: string; onSaved?: () => void }) {
  const { agentId, counterId } = props;
  const { api, t, session } = useApp();
  const state = useAsync(() => api.tuning(counterId), [counterId]);
  const [draft, setDraft] = useState<CounterTuning | null>(null);
  const [snapshot, setSnapshot] = useState<SnapshotApiResponse | null>(null);
  const [stats, setStats] = useState<StatsApiResponse | null>(null);
  const [showFaces, setShowFaces] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<{ action: Busy; error: ApiRequestError } | null>(null);
  const [saved, setSaved] = useState<TuningPushResponse | null>(null);
  const [testResult, setTestResult] = useState<TestIncidentResponse | null>(null);

  useEffect(() => {
    if (state.data && draft === null) setDraft(state.data.tuning ?? DEFAULT_TUNING);
    if (state.error && draft === null) setDraft(DEFAULT_TUNING);
  }, [state.data, state.error, draft]);

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

  const tuning = draft ?? DEFAULT_TUNING;
  const roiProblem = validateRoi(tuning.roi);
  const setRoi = (roi: Polygon) => {
    setDraft({ ...tuning, roi: roi.map(([x, y]) => [x, y] as [number, number]) });
    setSaved(null);
  };
  const checks = runCalibrationChecks({ snapshot, stats, counterId, tuning });
  const windowMs = stats?.counters.find((c) => c.counterId === counterId)?.windowMs ?? null;
  const mayShowFaces = session?.user.role === "admin";

  return (
    <>
      <section class="card" aria-labelledby="snapshot-title">
        <h2 id="snapshot-title">{t("installer.snapshot")}</h2>
        <div class="controls">
          <button
            type="button"
            disabled={busy !== null}
            data-testid="take-snapshot"
            onClick={() =>
              run(
                "snapshot",
                () => api.snapshot(agentId, counterId, mayShowFaces && showFaces),
                (s) => {
                  setSnapshot(s);
                  void run("stats", () => api.stats(agentId), setStats);
                },
              )
            }
          >
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
        {(error?.action === "snapshot" || error?.action === "stats") && <ErrorBox error={error.error} />}
        <RoiEditor
          polygon={tuning.roi}
          onChange={setRoi}
          width={snapshot?.width ?? 640}
          height={snapshot?.height ?? 480}
          imageUrl={snapshot ? `data:image/jpeg;base64,${snapshot.jpegBase64}` : null}
        />
        {roiProblem && (
          <p class="warning" role="status">
            {t(`roi.problem.${roiProblem}`)}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="checks-title">
        <h2 id="checks-title">{t("checks.title")}</h2>
        <label class="narrow">
          {t("installer.minFace")}
          <input
            type="number"
            min={8}
            max={2000}
            step={1}
            value={tuning.minFaceSizePx}
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v >= 8 && v <= 2000) setDraft({ ...tuning, minFaceSizePx: v });
            }}
          />
        </label>
        <ChecksPanel checks={checks} windowMs={windowMs} />
      </section>
      <section class="card" aria-labelledby="save-title">
        <h2 id="save-title">{t("installer.saveTitle")}</h2>
        {state.data?.configVersion != null && (
          <p class="muted">
            {t("installer.current", { version: state.data.configVersion, by: state.data.updatedBy ?? "—" })}
          </p>
        )}
        <div class="controls">
          <button
            type="button"
            data-testid="save-tuning"
            disabled={busy !== null || roiProblem !== undefined}
            onClick={async () => {
              setSaved(null);
              await run("save", () => api.pushTuning(counterId, tuning), setSaved);
              // Success or not, the agent's state may have changed (new version, or it went offline).
              props.onSaved?.();
            }}
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
                version: saved.configVersion,
                agent: saved.agentId,
                hash: saved.configHash.slice(0, 12),
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
