import { CENTRE_TIME_ZONE, type HeatmapResponse } from "@hailong/protocol";
import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";
import { formatScore } from "../ui/format.js";
import { buildHeatmapGrid, scoreColour, visibleHours } from "./heatmap-scale.js";

const WEEKDAYS: MessageKey[] = [
  "weekday.0",
  "weekday.1",
  "weekday.2",
  "weekday.3",
  "weekday.4",
  "weekday.5",
  "weekday.6",
];

/**
 * Hour-of-day x weekday heatmap as a colour-scaled table (not uPlot: uPlot has no heatmap series, and a
 * table keeps every cell readable by screen readers).
 */
export function HeatmapTable({ heatmap }: { heatmap: HeatmapResponse }) {
  const { t, locale } = useApp();
  const grid = buildHeatmapGrid(heatmap.cells);
  const hours = visibleHours(grid);
  return (
    <div class="table-scroll">
      <table class="heatmap">
        <caption>
          {t("heatmap.caption", {
            tz: heatmap.timeZone === CENTRE_TIME_ZONE ? t("time.vietnam") : heatmap.timeZone,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("heatmap.weekday")}</th>
            {hours.map((h) => (
              <th key={h} scope="col">
                {h}h
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, weekday) => (
            <tr key={WEEKDAYS[weekday]}>
              <th scope="row">{t(WEEKDAYS[weekday]!)}</th>
              {hours.map((h) => {
                const cell = row[h]!;
                return (
                  <td
                    key={h}
                    style={{ background: scoreColour(cell.score) }}
                    title={t("heatmap.cell", { score: formatScore(cell.score, locale), visits: cell.visits })}
                  >
                    {cell.visits > 0 ? formatScore(cell.score, locale) : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="legend" aria-hidden="true">
        <span style={{ background: scoreColour(0) }}>0</span>
        <span style={{ background: scoreColour(50) }}>50</span>
        <span style={{ background: scoreColour(100) }}>100</span>
        <span style={{ background: scoreColour(null) }}>{t("heatmap.noVisits")}</span>
      </p>
    </div>
  );
}
