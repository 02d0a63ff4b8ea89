import type { DirectoryResponse } from "@hailong/protocol";
import { useState } from "preact/hooks";
import { exportCsvUrl, monthlyReportPageUrl } from "../api/hub-api.js";
import { useApp } from "../app-context.js";
import { monthOf } from "../ui/format.js";
import type { SupervisorFilters } from "./filters.js";

/** CSV export of the filtered period and the hub's printable monthly report per centre. */
export function ReportsPanel({ directory, filters }: { directory: DirectoryResponse; filters: SupervisorFilters }) {
  const { t } = useApp();
  const [month, setMonth] = useState(() => monthOf(Date.now()));
  const [chosenCentre, setChosenCentre] = useState("");
  const centreId = filters.centreId || chosenCentre || directory.centres[0]?.id || "";
  const csv = exportCsvUrl({ from: filters.from, to: filters.to, centreId: filters.centreId || undefined });
  return (
    <section class="card" aria-labelledby="reports-title">
      <h2 id="reports-title">{t("reports.title")}</h2>
      <p>
        <a class="button" href={csv} download data-testid="export-csv">
          {t("reports.csv")}
        </a>{" "}
        <span class="muted">{t("reports.csvHint")}</span>
      </p>
      <div class="controls">
        {!filters.centreId && directory.centres.length > 1 && (
          <label>
            {t("filters.centre")}
            <select value={centreId} onChange={(e) => setChosenCentre(e.currentTarget.value)}>
              {directory.centres.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t("reports.month")}
          <input type="month" value={month} onChange={(e) => setMonth(e.currentTarget.value)} />
        </label>
        {centreId && /^\d{4}-\d{2}$/.test(month) && (
          <a class="button secondary" href={monthlyReportPageUrl(centreId, month)} target="_blank" rel="noreferrer">
            {t("reports.monthly")}
          </a>
        )}
      </div>
    </section>
  );
}
