import type { ComparisonResponse } from "@hailong/protocol";
import { useMemo } from "preact/hooks";
import uPlot from "uplot";
import { useApp } from "../app-context.js";
import { formatScore } from "../ui/format.js";
import { UplotChart } from "../ui/uplot-chart.js";

/** Counters of one field side by side: uPlot bars of the satisfaction index, plus the same figures as a table. */
export function ComparisonView({ comparison }: { comparison: ComparisonResponse }) {
  const { t, locale } = useApp();
  const rows = comparison.rows;
  const data = useMemo<uPlot.AlignedData>(() => [rows.map((_, i) => i), rows.map((r) => r.score)], [rows]);
  const options = useMemo(
    () => ({
      scales: {
        x: { time: false, range: [-0.5, rows.length - 0.5] as uPlot.Range.MinMax },
        y: { range: [0, 100] as uPlot.Range.MinMax },
      },
      series: [
        {},
        {
          label: t("chart.score"),
          stroke: "#0b6e4f",
          fill: "rgba(11,110,79,0.35)",
          paths: uPlot.paths.bars?.({ size: [0.6, 80] }),
          points: { show: false },
        },
      ],
      axes: [
        {
          values: (_u: uPlot, ticks: number[]) =>
            ticks.map((i) => (Number.isInteger(i) ? (rows[i]?.counterName ?? "") : "")),
        },
        { label: t("chart.score") },
      ],
      legend: { show: false },
    }),
    [rows, t],
  );
  return (
    <>
      <UplotChart
        options={options}
        data={data}
        height={200}
        label={t("compare.chartLabel", { field: comparison.field })}
      />
      <div class="table-scroll">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t("compare.counter")}</th>
              <th scope="col">{t("chart.score")}</th>
              <th scope="col">{t("chart.visits")}</th>
              <th scope="col">{t("compare.incidents")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.counterId}>
                <th scope="row">{r.counterName}</th>
                <td>{formatScore(r.score, locale)}</td>
                <td>{r.visits}</td>
                <td>{r.incidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
