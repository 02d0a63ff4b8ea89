import { type CounterTuning, DEFAULT_COUNTER_TUNING, TUNING_PARAMETERS, type TuningParameter } from "@hailong/protocol";
import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { PARAMETER_BOUNDS, type ParameterEdits, parseParameter } from "../calibration/tuning-draft.js";
import type { MessageKey } from "../i18n/messages.js";

const LABELS: Record<TuningParameter, MessageKey> = {
  dissatisfiedThreshold: "tuning.dissatisfiedThreshold",
  dwellMs: "tuning.dwellMs",
  minFaceSizePx: "tuning.minFaceSizePx",
};

/** A parameter's value as an installer reads it: threshold 0,40; dwell 2 giây; face 40 px. */
export function formatParameter(key: TuningParameter, value: number, locale: string): string {
  if (key === "dissatisfiedThreshold") return value.toLocaleString(locale, { minimumFractionDigits: 2 });
  if (key === "dwellMs") return `${(value / 1000).toLocaleString(locale, { maximumFractionDigits: 1 })} s`;
  return `${value} px`;
}

/**
 * The counter's running threshold, dwell and minimum face size beside the shared defaults. They change only
 * after "Sửa thông số": a saved ROI never moves them by accident.
 */
export function TuningParameters(props: {
  running: CounterTuning;
  edits: ParameterEdits;
  onEdit: (edits: ParameterEdits) => void;
}) {
  const { t, locale } = useApp();
  const [editing, setEditing] = useState(false);
  const [invalid, setInvalid] = useState<TuningParameter[]>([]);
  return (
    <div class="table-scroll">
      <table class="data tuning" data-testid="tuning-parameters">
        <caption>{t("tuning.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tuning.parameter")}</th>
            <th scope="col">{t("tuning.running")}</th>
            <th scope="col">{t("tuning.default")}</th>
            {editing && <th scope="col">{t("tuning.newValue")}</th>}
          </tr>
        </thead>
        <tbody>
          {TUNING_PARAMETERS.map((key) => (
            <tr key={key} data-parameter={key}>
              <th scope="row">{t(LABELS[key])}</th>
              <td data-testid={`running-${key}`}>{formatParameter(key, props.running[key], locale)}</td>
              <td>{formatParameter(key, DEFAULT_COUNTER_TUNING[key], locale)}</td>
              {editing && (
                <td>
                  <input
                    type="text"
                    inputMode="decimal"
                    aria-label={t("tuning.newValueOf", { name: t(LABELS[key]) })}
                    aria-invalid={invalid.includes(key)}
                    placeholder={String(props.running[key])}
                    value={props.edits[key] ?? ""}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      const value = parseParameter(key, text);
                      setInvalid((list) => [
                        ...list.filter((k) => k !== key),
                        ...(text && value === undefined ? [key] : []),
                      ]);
                      const { [key]: _dropped, ...rest } = props.edits;
                      props.onEdit(value === undefined ? rest : { ...rest, [key]: value });
                    }}
                  />
                  {invalid.includes(key) && (
                    <span class="warning">
                      {t("tuning.invalid", {
                        min: formatParameter(key, PARAMETER_BOUNDS[key].min, locale),
                        max: formatParameter(key, PARAMETER_BOUNDS[key].max, locale),
                      })}
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="controls">
        <button
          type="button"
          class="secondary"
          data-testid="edit-parameters"
          aria-pressed={editing}
          onClick={() => {
            if (editing) {
              props.onEdit({});
              setInvalid([]);
            }
            setEditing(!editing);
          }}
        >
          {editing ? t("tuning.cancelEdit") : t("tuning.edit")}
        </button>
      </div>
    </div>
  );
}
