import { useApp } from "../app-context.js";
import type { CalibrationCheck } from "../calibration/checks.js";

const UNITS: Record<CalibrationCheck["id"], string> = {
  face_size: " px",
  backlight: "%",
  angle: "°",
  roi: "%",
  brightness: "",
  contrast: "",
  detection_rate: "%",
  fps: " fps",
};

function expectedText({ id, expected: [min, max] }: CalibrationCheck): string {
  const unit = UNITS[id];
  if (min === null && max === null) return "—";
  if (max === null) return `≥ ${min}${unit}`;
  if (min === null) return `≤ ${max}${unit}`;
  return `${min}–${max}${unit}`;
}

/** Each check: what was measured, what is required, pass/warn/fail and one sentence of advice. */
export function ChecksPanel({ checks, windowMs }: { checks: CalibrationCheck[]; windowMs: number | null }) {
  const { t } = useApp();
  return (
    <div class="table-scroll">
      <table class="data checks">
        <caption>
          {windowMs === null
            ? t("checks.caption")
            : t("checks.captionWindow", { seconds: Math.round(windowMs / 1000) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("checks.check")}</th>
            <th scope="col">{t("checks.value")}</th>
            <th scope="col">{t("checks.expected")}</th>
            <th scope="col">{t("checks.result")}</th>
            <th scope="col">{t("checks.advice")}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.id} data-check={c.id} data-status={c.status}>
              <th scope="row">{t(`checks.${c.id}`)}</th>
              <td>{c.value === null ? "—" : `${c.value}${UNITS[c.id]}`}</td>
              <td>{expectedText(c)}</td>
              <td class={`check-${c.status}`}>{t(`checks.status.${c.status}`)}</td>
              <td class="check-advice">{t(`checks.advice.${c.id}.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
