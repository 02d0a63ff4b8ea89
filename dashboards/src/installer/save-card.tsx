import type {
  CounterTuning,
  TestIncidentResponse,
  TuningParameter,
  TuningPushResponse,
  TuningState,
} from "@hailong/protocol";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import type { ParameterEdits, RunningSource } from "../calibration/tuning-draft.js";
import { Card } from "../ui/card.js";
import { formatDateTime } from "../ui/format.js";
import { ErrorBox } from "../ui/status.js";
import { TuningParameters } from "./tuning-parameters.js";

const PARAMETER_KEYS: Record<
  TuningParameter,
  "tuning.dissatisfiedThreshold" | "tuning.dwellMs" | "tuning.minFaceSizePx"
> = {
  dissatisfiedThreshold: "tuning.dissatisfiedThreshold",
  dwellMs: "tuning.dwellMs",
  minFaceSizePx: "tuning.minFaceSizePx",
};

/** A confirmed save: the agent's answer, which parameters it changed, and when. */
export interface SavedTuning {
  response: TuningPushResponse;
  changed: TuningParameter[];
  at: number;
}

export interface SaveCardProps {
  counterName: string;
  /** the hub's record of the last confirmed push */
  state: TuningState | undefined;
  /** the hub's record and the agent's stats have both answered (or failed) */
  loaded: boolean;
  running: { tuning: CounterTuning; source: RunningSource };
  edits: ParameterEdits;
  onEdit: (edits: ParameterEdits) => void;
  /** an action of the panel is under way: the buttons wait; "save"/"test" say which */
  busy: string | null;
  canSave: boolean;
  onSave: () => void;
  onTestIncident: () => void;
  saved: SavedTuning | null;
  testResult: TestIncidentResponse | null;
  /** the save's or the test incident's failure */
  error: { action: "save" | "test"; error: ApiRequestError } | null;
}

/** The tuning in use, the parameters, and the buttons that push it to the agent or send a test incident. */
export function SaveCard(props: SaveCardProps) {
  const { t } = useApp();
  const { state, loaded, busy } = props;
  return (
    <Card id="save" title={t("installer.saveTitle")}>
      <p class="muted" data-testid="config-in-use">
        {state?.configVersion != null
          ? t("installer.current", {
              version: state.configVersion,
              time: formatDateTime(state.updatedAt),
              by: state.updatedBy ?? "—",
            })
          : loaded && t("installer.neverSaved")}
      </p>
      {loaded && <p class="muted">{t(`tuning.source.${props.running.source}`)}</p>}
      <TuningParameters running={props.running.tuning} edits={props.edits} onEdit={props.onEdit} />
      <div class="controls">
        <button
          type="button"
          data-testid="save-tuning"
          disabled={busy !== null || !props.canSave}
          onClick={props.onSave}
        >
          {busy === "save" ? t("installer.saving") : t("installer.save")}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="test-incident"
          disabled={busy !== null}
          onClick={props.onTestIncident}
        >
          {busy === "test" ? t("common.working") : t("installer.testIncident")}
        </button>
      </div>
      <SaveOutcome {...props} />
    </Card>
  );
}

function SaveOutcome({ saved, testResult, error, counterName }: SaveCardProps) {
  const { t } = useApp();
  return (
    <div aria-live="polite">
      {saved && (
        <p class="success" data-testid="save-confirmed">
          {t("installer.confirmed", {
            version: saved.response.configVersion,
            counter: counterName,
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
      {error && (
        <ErrorBox
          error={error.error}
          title={error.action === "save" ? t("installer.saveFailed") : t("installer.testFailed")}
        />
      )}
    </div>
  );
}
