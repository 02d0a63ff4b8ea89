import type { AlertCalibration, AlertCalibrationApplyResponse, CounterDto } from "@hailong/protocol";
import { useState } from "preact/hooks";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import { formatPercent } from "../ui/format.js";
import { ErrorBox, Loading } from "../ui/status.js";
import { asApiError, useAsync } from "../ui/use-async.js";

/** Per counter and model: how often its alerts were false and how fast they were acknowledged. */
export function AlertQualityPanel(props: { counters: readonly CounterDto[]; refresh: number }) {
  const { api, t, locale, session } = useApp();
  const quality = useAsync(() => api.alertQuality(), [props.refresh]);
  const isAdmin = session?.user.role === "admin";
  const name = (counterId: string) => props.counters.find((c) => c.id === counterId)?.name ?? counterId;
  return (
    <section class="card" aria-labelledby="alert-quality-title">
      <h2 id="alert-quality-title">{t("alertQuality.title")}</h2>
      <p class="muted">{t("alertQuality.intro")}</p>
      {quality.error && <ErrorBox error={quality.error} />}
      {!quality.data ? (
        <Loading />
      ) : quality.data.rows.length === 0 ? (
        <p class="muted">{t("alertQuality.none")}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="alert-quality">
            <thead>
              <tr>
                <th scope="col">{t("alertQuality.counter")}</th>
                <th scope="col">{t("alertQuality.model")}</th>
                <th scope="col">{t("alertQuality.incidents")}</th>
                <th scope="col">{t("alertQuality.falseAlarmRate")}</th>
                <th scope="col">{t("alertQuality.ackTime")}</th>
              </tr>
            </thead>
            <tbody>
              {quality.data.rows.map((r) => (
                <tr key={`${r.counterId}|${r.modelId ?? ""}`} data-counter-id={r.counterId}>
                  <th scope="row">{name(r.counterId)}</th>
                  <td>{r.modelId ?? t("alertQuality.modelUnknown")}</td>
                  <td>{t("alertQuality.labelled", { n: r.incidents, falseAlarms: r.falseAlarms })}</td>
                  <td>{r.falseAlarmRate === null ? "—" : formatPercent(r.falseAlarmRate, locale)}</td>
                  <td>{minutes(r.medianAckMs, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && quality.data && quality.data.rows.length > 0 && (
        <CalibrationAction counterIds={[...new Set(quality.data.rows.map((r) => r.counterId))]} name={name} />
      )}
    </section>
  );
}

function minutes(ms: number | null, t: ReturnType<typeof useApp>["t"]): string {
  return ms === null ? "—" : t("alertQuality.minutes", { n: Math.round(ms / 60_000) });
}

/** Admins: the evidence for one counter and, only on an explicit confirmation, the proposed threshold pushed. */
function CalibrationAction(props: { counterIds: string[]; name: (id: string) => string }) {
  const { api, t, locale } = useApp();
  const [counterId, setCounterId] = useState(props.counterIds[0] ?? "");
  const [evidence, setEvidence] = useState<AlertCalibration | undefined>();
  const [applied, setApplied] = useState<AlertCalibrationApplyResponse | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const share = (v: number | null) => (v === null ? "—" : formatPercent(v, locale));
  const threshold = (v: number | null) => (v === null ? "—" : v.toLocaleString(locale, { minimumFractionDigits: 2 }));
  return (
    <div class="calibration-action" data-testid="alert-calibration">
      <h3>{t("alertCalibration.title")}</h3>
      <div class="controls">
        <label>
          {t("alertQuality.counter")}{" "}
          <select
            value={counterId}
            onChange={(e) => {
              setCounterId(e.currentTarget.value);
              setEvidence(undefined);
              setApplied(undefined);
            }}
          >
            {props.counterIds.map((id) => (
              <option key={id} value={id}>
                {props.name(id)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => run(async () => setEvidence(await api.alertCalibration(counterId)))}
        >
          {t("alertCalibration.show")}
        </button>
      </div>
      {evidence && (
        <div data-testid="alert-calibration-evidence">
          <p>{t("alertCalibration.labels", { n: evidence.incidents, falseAlarms: evidence.falseAlarms })}</p>
          <p>
            {t("alertCalibration.now", {
              threshold: threshold(evidence.currentThreshold),
              precision: share(evidence.precisionNow),
            })}
          </p>
          {evidence.proposedThreshold === null ? (
            <p>{t("alertCalibration.noProposal")}</p>
          ) : (
            <>
              <p>
                {t("alertCalibration.proposed", {
                  threshold: threshold(evidence.proposedThreshold),
                  precision: share(evidence.precisionProposed),
                  missed: evidence.realMissed,
                })}
              </p>
              {!applied && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    run(async () =>
                      setApplied(await api.applyAlertCalibration(counterId, evidence.proposedThreshold as number)),
                    )
                  }
                >
                  {busy
                    ? t("common.working")
                    : t("alertCalibration.confirm", { threshold: threshold(evidence.proposedThreshold) })}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {applied && (
        <p role="status" data-testid="alert-calibration-applied">
          {t("alertCalibration.applied", {
            threshold: threshold(applied.threshold),
            previous: threshold(applied.previousThreshold),
            version: applied.configVersion,
          })}
        </p>
      )}
      {error && <ErrorBox error={error} />}
    </div>
  );
}
