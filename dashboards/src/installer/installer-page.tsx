import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { EmptyState, ErrorBox, Loading } from "../ui/status.js";
import { useAsync } from "../ui/use-async.js";
import { CalibrationPanel } from "./calibration-panel.js";
import { CounterPicker, counterName, type Selection } from "./counter-picker.js";

export function InstallerPage() {
  const { api, t } = useApp();
  const agents = useAsync(() => api.agents(), []);
  const directory = useAsync(() => api.directory(), []);
  const [chosen, setChosen] = useState<Selection | null>(null);

  if (agents.error) return <ErrorBox error={agents.error} />;
  if (!agents.data) return <Loading />;
  const list = agents.data.agents.filter((a) => a.counters.length > 0);
  const first = list.find((a) => a.online) ?? list[0];
  const selection = chosen ?? (first ? { agentId: first.agentId, counterId: first.counters[0]! } : null);
  return (
    <div class="page installer">
      <h1>{t("installer.title")}</h1>
      <p class="doc-links">
        <a href="#/guide" data-testid="install-guide-link">
          {t("installer.guideLink")}
        </a>
        {" · "}
        <a href="#/notice-sign" data-testid="notice-sign-link">
          {t("installer.signLink")}
        </a>
      </p>
      {selection === null ? (
        <section class="card">
          <EmptyState message={t("empty.noAgent")} link={{ href: "#/guide", label: t("empty.guideLink") }} />
          <button type="button" class="secondary" onClick={agents.reload}>
            {t("common.retry")}
          </button>
        </section>
      ) : (
        <>
          <section class="card" aria-labelledby="pick-title">
            <h2 id="pick-title">{t("installer.pick")}</h2>
            <CounterPicker agents={list} directory={directory.data} value={selection} onChange={setChosen} />
          </section>
          <CalibrationPanel
            key={`${selection.agentId}/${selection.counterId}`}
            {...selection}
            counterName={counterName(directory.data, selection.counterId)}
            detectorId={
              list.find((a) => a.agentId === selection.agentId)?.models.find((m) => m.kind === "face-detector")?.id ??
              null
            }
            onSaved={agents.reload}
          />
        </>
      )}
    </div>
  );
}
