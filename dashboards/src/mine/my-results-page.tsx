import { reportPeriodBounds } from "@hailong/protocol";
import { useApp } from "../app-context.js";
import { RankingTable } from "../supervisor/ranking-table.js";
import { PeriodPicker, usePeriodChoice } from "../ui/period-picker.js";
import { ErrorBox, Loading } from "../ui/status.js";
import { useAsync } from "../ui/use-async.js";

/**
 * "Kết quả của tôi": an official's own row of the per-official figures for a month, quarter or year (the hub
 * answers an official with their own row only). Coaching, never shown to citizens.
 */
export function MyResultsPage() {
  const { api, t } = useApp();
  const choice = usePeriodChoice();
  const ranking = useAsync(() => api.officialRanking(reportPeriodBounds(choice.period)), [choice.period]);
  return (
    <div class="page mine">
      <h1>{t("mine.title")}</h1>
      <p>{t("mine.intro")}</p>
      <section class="card">
        <div class="controls">
          <PeriodPicker
            choice={choice}
            testId="mine-period"
            labels={{ kind: "mine.periodKind", period: "mine.period" }}
          />
        </div>
        {ranking.loading && !ranking.data && <Loading />}
        {ranking.error &&
          (ranking.error.code === "forbidden" ? (
            <p role="alert">{t("mine.notLinked")}</p>
          ) : (
            <ErrorBox error={ranking.error} />
          ))}
        {ranking.data &&
          !ranking.error &&
          (ranking.data.rows.length === 0 ? (
            <p class="muted">{t("mine.none")}</p>
          ) : (
            <RankingTable comparison={ranking.data} ranked={false} />
          ))}
      </section>
      <p class="privacy-note" data-testid="mine-privacy">
        {t("mine.privacy")}
      </p>
    </div>
  );
}
