import { useApp } from "../app-context.js";
import type { CalibrationCheck } from "../calibration/checks.js";

const UNITS: Record<CalibrationCheck["id"], string> = {
  face_size: "px",
  brightness: "",
  contrast: "",
  detection_rate: "%",
  fps: " fps",
};

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
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.id} data-check={c.id}>
              <th scope="row">{t(`checks.${c.id}`)}</th>
              <td>{c.value === null ? "—" : `${c.value}${UNITS[c.id]}`}</td>
              <td>
                {c.expected[1] === null
                  ? `≥ ${c.expected[0]}${UNITS[c.id]}`
                  : `${c.expected[0]}–${c.expected[1]}${UNITS[c.id]}`}
              </td>
              <td class={`check-${c.status}`}>{t(`checks.status.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
