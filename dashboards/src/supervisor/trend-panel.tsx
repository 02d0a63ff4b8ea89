import type { DirectoryResponse, Period, Scope, TrendResponse } from "@hailong/protocol";
import { PERIODS, SCOPES } from "@hailong/protocol";
import { useMemo, useState } from "preact/hooks";
import uPlot from "uplot";
import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";
import { formatRate, formatScore, trendRange } from "../ui/format.js";
import { ErrorBox, Loading } from "../ui/status.js";
import { UplotChart } from "../ui/uplot-chart.js";
import { useAsync } from "../ui/use-async.js";

export function scopeOptions(directory: DirectoryResponse, scope: Scope): { id: string; name: string }[] {
  if (scope === "centre") return directory.centres.map((c) => ({ id: c.id, name: c.name }));
  if (scope === "department") return directory.departments.map((d) => ({ id: d.id, name: d.name }));
  return directory.counters.map((c) => ({ id: c.id, name: c.name }));
}

/** Tick labels in the hub's time zone, Vietnamese style: dd/mm, or HH:mm (24 h) for hourly buckets. */
function tickFormatter(period: Period, timeZone: string, locale: string) {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    ...(period === "hour"
      ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : period === "month"
        ? { month: "2-digit", year: "numeric" }
        : { day: "2-digit", month: "2-digit" }),
  });
  return (_u: uPlot, ticks: number[]) => ticks.map((s) => format.format(new Date(s * 1000)));
}

function TrendChart({ trend }: { trend: TrendResponse }) {
  const { t, locale } = useApp();
  const data = useMemo<uPlot.AlignedData>(
    () => [
      trend.points.map((p) => p.bucketStart / 1000),
      trend.points.map((p) => p.satisfactionRate),
      trend.points.map(() => trend.target),
      trend.points.map((p) => p.score),
      trend.points.map((p) => p.visits),
    ],
    [trend],
  );
  const options = useMemo(
    () => ({
      tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), trend.timeZone),
      scales: {
        pct: { range: [0, 100] as uPlot.Range.MinMax },
        visits: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(1, max)] as uPlot.Range.MinMax },
      },
      series: [
        {
          label: t("chart.time"),
          value: (_u: uPlot, s: number) => tickFormatter(trend.period, trend.timeZone, locale)(_u, [s])[0] ?? "",
        },
        { label: t("chart.rate"), scale: "pct", stroke: "#0b6e4f", width: 2, spanGaps: false, points: { show: true } },
        { label: t("chart.target"), scale: "pct", stroke: "#b3261e", width: 1, dash: [6, 4], points: { show: false } },
        { label: t("chart.score"), scale: "pct", stroke: "#0b5cad", width: 1, spanGaps: false },
        { label: t("chart.visits"), scale: "visits", stroke: "#8a5a00", fill: "rgba(200,140,0,0.15)", width: 1 },
      ],
      axes: [
        { values: tickFormatter(trend.period, trend.timeZone, locale) },
        { scale: "pct", label: t("chart.rate") },
        { scale: "visits", side: 1, label: t("chart.visits"), grid: { show: false } },
      ],
    }),
    [t, locale, trend.timeZone, trend.period],
  );
  return <UplotChart options={options} data={data} label={t("trend.chartLabel", { n: trend.points.length })} />;
}

export function TrendPanel({ directory, refresh }: { directory: DirectoryResponse; refresh: number }) {
  const { api, t, locale } = useApp();
  const [scope, setScope] = useState<Scope>("counter");
  const options = scopeOptions(directory, scope);
  const [chosenId, setChosenId] = useState<string>("");
  const id = options.some((o) => o.id === chosenId) ? chosenId : (options[0]?.id ?? "");
  const [period, setPeriod] = useState<Period>("day");
  const trend = useAsync(async () => {
    if (!id) return undefined;
    return api.trends({ scope, id, period, ...trendRange(period, Date.now()) });
  }, [scope, id, period, refresh]);

  return (
    <section class="card" aria-labelledby="trend-title">
      <h2 id="trend-title">{t("trend.title")}</h2>
      <div class="controls">
        <label>
          {t("trend.scope")}
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value as Scope)}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(`scope.${scope}` as MessageKey)}
          <select value={id} onChange={(e) => setChosenId(e.currentTarget.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("trend.period")}
          <select value={period} onChange={(e) => setPeriod(e.currentTarget.value as Period)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`period.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {trend.error && <ErrorBox error={trend.error} />}
      {trend.loading && !trend.data && <Loading />}
      {trend.data && (
        <>
          <p class="summary" title={t("ranking.scoreHint")}>
            {t("trend.totalRate", {
              rate: formatRate(trend.data.total.satisfactionRate, locale),
              target: formatRate(trend.data.target, locale),
              score: formatScore(trend.data.total.score, locale),
              visits: trend.data.total.visits,
              incidents: trend.data.total.incidents,
            })}
          </p>
          {trend.data.total.visits === 0 ? <p class="muted">{t("empty.noData")}</p> : <TrendChart trend={trend.data} />}
        </>
      )}
    </section>
  );
}
