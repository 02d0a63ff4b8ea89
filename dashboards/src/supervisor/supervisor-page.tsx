import type { DirectoryResponse, IncidentDto } from "@hailong/protocol";
import { useEffect, useMemo, useState } from "preact/hooks";
import { type StreamStatus, subscribeLiveEvents } from "../api/live-events.js";
import { useApp } from "../app-context.js";
import { fieldNamer } from "../ui/field-names.js";
import { defaultRange } from "../ui/format.js";
import { ErrorBox, Loading } from "../ui/status.js";
import { ToggleGroup } from "../ui/toggle-group.js";
import { useAsync } from "../ui/use-async.js";
import { AlertQualityPanel } from "./alert-quality-panel.js";
import { FilterBar, type SupervisorFilters } from "./filters.js";
import { HeatmapTable } from "./heatmap-panel.js";
import { IncidentList } from "./incident-list.js";
import {
  applyLiveEvent,
  EMPTY_LIVE_STATE,
  filterTiles,
  type LiveState,
  upsertIncident,
  withTiles,
} from "./live-state.js";
import { LiveTiles } from "./live-tiles.js";
import { OfficialsPanel } from "./officials-panel.js";
import { RankingTable } from "./ranking-table.js";
import { ReportsPanel } from "./reports-panel.js";
import { TrendPanel } from "./trend-panel.js";

function matches(incident: IncidentDto, f: SupervisorFilters): boolean {
  return (
    !incident.test &&
    (!f.centreId || incident.centreId === f.centreId) &&
    (!f.field || incident.field === f.field) &&
    (!f.counterId || incident.counterId === f.counterId) &&
    incident.raisedAt >= f.from &&
    incident.raisedAt < f.to
  );
}

function useLiveState(centreId: string): {
  live: LiveState;
  status: StreamStatus;
  error: ReturnType<typeof useAsync>["error"];
} {
  const { api } = useApp();
  const [live, setLive] = useState<LiveState>(EMPTY_LIVE_STATE);
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const tiles = useAsync(() => api.tiles(centreId || undefined), [centreId]);
  useEffect(() => {
    if (tiles.data) setLive((s) => withTiles(s, tiles.data!.tiles));
  }, [tiles.data]);
  useEffect(
    () =>
      subscribeLiveEvents({
        onEvent: (event) => setLive((s) => applyLiveEvent(s, event, Date.now())),
        onStatus: setStatus,
        onInvalid: (type, detail) => console.warn("live event rejected", type, detail),
      }),
    [],
  );
  return { live, status, error: tiles.error };
}

function Analysis(props: { directory: DirectoryResponse; filters: SupervisorFilters; refresh: number }) {
  const { directory, filters, refresh } = props;
  const { api, t } = useApp();
  const [groupBy, setGroupBy] = useState<"counter" | "centre">("counter");
  const heatScope = filters.counterId ? "counter" : "centre";
  const heatId = filters.counterId || filters.centreId || directory.centres[0]?.id || "";
  const heatmap = useAsync(
    async () =>
      heatId ? api.heatmap({ scope: heatScope, id: heatId, from: filters.from, to: filters.to }) : undefined,
    [heatScope, heatId, filters.from, filters.to, refresh],
  );
  const comparison = useAsync(
    () =>
      api.comparison({
        from: filters.from,
        to: filters.to,
        groupBy,
        ...(filters.centreId ? { centreId: filters.centreId } : {}),
        ...(filters.field ? { field: filters.field } : {}),
      }),
    [groupBy, filters.field, filters.centreId, filters.from, filters.to, refresh],
  );
  return (
    <>
      <TrendPanel directory={directory} refresh={refresh} />
      <section class="card" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">{t("heatmap.title")}</h2>
        {heatmap.error && <ErrorBox error={heatmap.error} />}
        {heatmap.data && <HeatmapTable heatmap={heatmap.data} />}
      </section>
      <section class="card" aria-labelledby="ranking-title" id="ranking">
        <h2 id="ranking-title">{t("ranking.title")}</h2>
        <p class="muted">{t("ranking.intro")}</p>
        {directory.centres.length > 1 && !filters.centreId && (
          <ToggleGroup
            label={t("ranking.title")}
            options={[
              { value: "counter", label: t("ranking.byCounter") },
              { value: "centre", label: t("ranking.byCentre") },
            ]}
            value={groupBy}
            onChange={setGroupBy}
          />
        )}
        {comparison.error && <ErrorBox error={comparison.error} />}
        {comparison.data &&
          (comparison.data.rows.length === 0 ? (
            <p class="muted">{t("empty.noData")}</p>
          ) : (
            <RankingTable comparison={comparison.data} />
          ))}
      </section>
    </>
  );
}

export function SupervisorPage() {
  const { api, t } = useApp();
  const directory = useAsync(() => api.directory(), []);
  const [filters, setFilters] = useState<SupervisorFilters>(() => ({
    centreId: "",
    field: "",
    counterId: "",
    ...defaultRange(Date.now()),
  }));
  const { live, status, error: tilesError } = useLiveState(filters.centreId);
  const incidents = useAsync(
    () =>
      api.incidents({
        centreId: filters.centreId || undefined,
        field: filters.field || undefined,
        counterId: filters.counterId || undefined,
        from: filters.from,
        to: filters.to,
        limit: 100,
      }),
    [filters],
  );
  // Charts are queries over stored data: reloaded on demand, while tiles and incidents stream live.
  const [refresh, setRefresh] = useState(0);
  const [localUpdates, setLocalUpdates] = useState<readonly IncidentDto[]>([]);
  const shownIncidents = useMemo(() => {
    let list: readonly IncidentDto[] = incidents.data?.items ?? [];
    for (const i of [...live.incidents, ...localUpdates]) if (matches(i, filters)) list = upsertIncident(list, i);
    return list;
  }, [incidents.data, live.incidents, localUpdates, filters]);

  if (directory.error) return <ErrorBox error={directory.error} />;
  if (!directory.data) return <Loading />;
  const tiles = filterTiles(live.tiles, filters);
  return (
    <div class="page supervisor">
      <h1>{t("supervisor.title")}</h1>
      <FilterBar directory={directory.data} value={filters} onChange={setFilters} />
      {tilesError && <ErrorBox error={tilesError} />}
      <LiveTiles
        tiles={tiles}
        status={status}
        centreNameOf={
          directory.data.centres.length > 1
            ? (id) => directory.data?.centres.find((c) => c.id === id)?.name ?? ""
            : undefined
        }
      />
      <section class="card" aria-labelledby="incidents-title">
        <h2 id="incidents-title">{t("incident.title")}</h2>
        {incidents.error && <ErrorBox error={incidents.error} />}
        {incidents.loading && !incidents.data ? (
          <Loading />
        ) : (
          <IncidentList
            incidents={shownIncidents}
            counters={directory.data.counters}
            fieldName={fieldNamer(directory.data, t("filters.otherField"))}
            onUpdate={(i) => setLocalUpdates((list) => upsertIncident(list, i))}
          />
        )}
      </section>
      <div class="controls">
        <button type="button" class="secondary" onClick={() => setRefresh((n) => n + 1)}>
          {t("common.refresh")}
        </button>
      </div>
      <AlertQualityPanel counters={directory.data.counters} refresh={refresh} />
      <Analysis directory={directory.data} filters={filters} refresh={refresh} />
      <OfficialsPanel filters={filters} refresh={refresh} />
      <ReportsPanel directory={directory.data} filters={filters} />
    </div>
  );
}
