import { useApp } from "../app-context.js";
import { ErrorBox } from "../ui/status.js";
import { useAsync } from "../ui/use-async.js";
import type { SupervisorFilters } from "./filters.js";
import { RankingTable } from "./ranking-table.js";

/** Figures per official for the centre's leaders and supervisors (coaching, never shown to citizens). */
export function OfficialsPanel({ filters, refresh }: { filters: SupervisorFilters; refresh: number }) {
  const { api, t, session } = useApp();
  const user = session?.user;
  const allowed = user && (user.role === "centre_leader" || user.role === "supervisor") && user.centreId;
  const centreId = filters.centreId || user?.centreId || "";
  const ranking = useAsync(
    async () => (allowed ? api.officialRanking({ from: filters.from, to: filters.to, centreId }) : undefined),
    [allowed, centreId, filters.from, filters.to, refresh],
  );
  if (!allowed) return null;
  return (
    <section class="card" aria-labelledby="officials-title" id="officials">
      <h2 id="officials-title">{t("officials.title")}</h2>
      <p class="muted">{t("officials.intro")}</p>
      {ranking.error && <ErrorBox error={ranking.error} />}
      {ranking.data &&
        (ranking.data.rows.length === 0 ? (
          <p class="muted">{t("roster.none")}</p>
        ) : (
          <RankingTable comparison={ranking.data} />
        ))}
    </section>
  );
}
