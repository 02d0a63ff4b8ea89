import type { ComparisonResponse, ComparisonRow } from "@hailong/protocol";
import { useMemo, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";
import { formatRate, formatScore } from "../ui/format.js";
import { DEFAULT_SORT, meetsTarget, nextSort, type RankingKey, type RankingSort, sortRanking } from "./ranking-sort.js";

const pct = formatRate;

function ChangeCell({ row }: { row: ComparisonRow }) {
  const { t, locale } = useApp();
  if (row.change === null) return <td>—</td>;
  const points = Math.abs(row.change).toLocaleString(locale, { maximumFractionDigits: 1 });
  const key: MessageKey = row.change > 0 ? "ranking.up" : row.change < 0 ? "ranking.down" : "ranking.same";
  const cls = row.change > 0 ? "change-up" : row.change < 0 ? "change-down" : "";
  return (
    <td class={cls} title={t("ranking.changeHint")}>
      {t(key, { points })}
    </td>
  );
}

function SortHeader(props: {
  label: MessageKey;
  column: RankingKey;
  sort: RankingSort;
  onSort: (k: RankingKey) => void;
  hint?: MessageKey;
}) {
  const { t } = useApp();
  const { label, column, sort, onSort, hint } = props;
  const active = sort.key === column;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.ascending ? "ascending" : "descending") : "none"}
      title={hint ? t(hint) : undefined}
    >
      <button
        type="button"
        class="sort"
        data-column={column}
        onClick={() => onSort(column)}
        aria-label={t("ranking.sortBy", { column: t(label) })}
      >
        {t(label)} {active ? (sort.ascending ? "↑" : "↓") : ""}
      </button>
    </th>
  );
}

/**
 * Every counter (or centre) ranked by tỷ lệ hài lòng, with change vs the previous period and the target.
 * `ranked={false}` drops the rank column (an official's own row is not a ranking).
 */
export function RankingTable({ comparison, ranked = true }: { comparison: ComparisonResponse; ranked?: boolean }) {
  const { t, locale } = useApp();
  const [sort, setSort] = useState<RankingSort>(DEFAULT_SORT);
  const rows = useMemo(() => sortRanking(comparison.rows, sort), [comparison.rows, sort]);
  const showFalseAlarms = comparison.rows.some((r) => r.falseAlarmShare !== null);
  const onSort = (key: RankingKey) => setSort((s) => nextSort(s, key));
  const byCentre = comparison.groupBy === "centre";
  const nameLabel: MessageKey = byCentre
    ? "ranking.centre"
    : comparison.groupBy === "official"
      ? "ranking.official"
      : "ranking.counter";
  const header = (label: MessageKey, column: RankingKey, hint?: MessageKey) => (
    <SortHeader label={label} column={column} sort={sort} onSort={onSort} {...(hint ? { hint } : {})} />
  );
  return (
    <div class="table-scroll">
      <table class="data ranking">
        <thead>
          <tr>
            {ranked && <th scope="col">{t("ranking.rank")}</th>}
            {header(nameLabel, "name")}
            {header("ranking.rate", "rate", "ranking.rateHint")}
            {header("ranking.change", "change", "ranking.changeHint")}
            {header("ranking.visits", "visits")}
            {header("ranking.incidentsPer100", "incidentsPer100")}
            {showFalseAlarms && header("ranking.falseAlarms", "falseAlarmShare")}
            {header("ranking.score", "score", "ranking.scoreHint")}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const meets = meetsTarget(r);
            const status = meets === undefined ? "" : meets ? "meets-target" : "below-target";
            return (
              <tr key={r.id} class={status} data-id={r.id}>
                {ranked && <td>{i + 1}</td>}
                <th scope="row">
                  {r.name}
                  {comparison.groupBy === "counter" && (
                    <small class="muted">
                      <br />
                      {[r.departmentName, r.centreName].filter(Boolean).join(" · ")}
                    </small>
                  )}
                </th>
                <td
                  class="rate"
                  title={`${t("ranking.target", { target: pct(r.target, locale) })} — ${t(meets ? "ranking.meets" : "ranking.below")}`}
                >
                  {pct(r.satisfactionRate, locale)}
                </td>
                <ChangeCell row={r} />
                <td>{r.visits}</td>
                <td>{r.incidentsPer100 === null ? "—" : r.incidentsPer100.toLocaleString(locale)}</td>
                {showFalseAlarms && <td>{r.falseAlarmShare === null ? "—" : pct(100 * r.falseAlarmShare, locale)}</td>}
                <td title={t("ranking.scoreHint")}>{formatScore(r.score, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
