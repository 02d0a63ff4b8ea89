import type { DirectoryResponse } from "@hailong/protocol";
import { useState } from "preact/hooks";
import { exportCsvUrl, reportPageUrl } from "../api/hub-api.js";
import { useApp } from "../app-context.js";
import { PeriodPicker, usePeriodChoice } from "../ui/period-picker.js";
import type { SupervisorFilters } from "./filters.js";

/** CSV export of the filtered period, and the hub's monthly, quarterly and yearly reports per centre. */
export function ReportsPanel({ directory, filters }: { directory: DirectoryResponse; filters: SupervisorFilters }) {
  const { t } = useApp();
  const choice = usePeriodChoice();
  const { kind, period } = choice;
  const [chosenCentre, setChosenCentre] = useState("");
  const centreId = filters.centreId || chosenCentre || directory.centres[0]?.id || "";
  const csv = exportCsvUrl({ from: filters.from, to: filters.to, centreId: filters.centreId || undefined });
  const pageUrl = centreId ? reportPageUrl(kind, centreId, period) : "";
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
        <PeriodPicker choice={choice} testId="report-period" />
      </div>
      {pageUrl && (
        <p class="controls">
          <a class="button secondary" href={pageUrl} target="_blank" rel="noreferrer">
            {t(`reports.${kind}`)}
          </a>
          <a class="button secondary" href={`${pageUrl}/xlsx`} download data-testid="report-xlsx">
            {t("reports.xlsx")}
          </a>
          <a class="button secondary" href={`${pageUrl}/pdf`} download data-testid="report-pdf">
            {t("reports.pdf")}
          </a>
        </p>
      )}
    </section>
  );
}
