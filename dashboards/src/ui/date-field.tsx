import { useEffect, useId, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { formatDayMonthYear, parseDayMonthYear } from "./format.js";

/**
 * A day typed as dd/mm/yyyy, whatever the browser's locale (<input type="date"> shows mm/dd/yyyy in an English
 * browser). `value` and `onChange` carry the centre's midnight in epoch ms; a date that does not parse is not
 * passed on and, once the user leaves the field, is explained in Vietnamese.
 */
export function DateField(props: { label: string; value: number; onChange: (midnight: number) => void }) {
  const { t } = useApp();
  const [text, setText] = useState(() => formatDayMonthYear(props.value));
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  useEffect(() => {
    // A value set from outside (a reset, another field) replaces what was typed, unless it already says so.
    if (parseDayMonthYear(text) !== props.value) setText(formatDayMonthYear(props.value));
  }, [props.value]);
  const onInput = (next: string) => {
    setText(next);
    const midnight = parseDayMonthYear(next);
    if (midnight !== undefined) {
      setInvalid(false);
      if (midnight !== props.value) props.onChange(midnight);
    }
  };
  return (
    <div class="date-field">
      <label>
        {props.label}
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t("date.placeholder")}
          value={text}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => setInvalid(parseDayMonthYear(text) === undefined)}
        />
      </label>
      {invalid && (
        <span class="field-error" id={errorId} role="alert">
          {t("date.invalid")}
        </span>
      )}
    </div>
  );
}
