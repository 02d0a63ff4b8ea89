import type { CounterTile } from "@hailong/protocol";
import type { StreamStatus } from "../api/live-events.js";
import { useApp } from "../app-context.js";
import { formatDateTime, formatScore, LEVEL_KEYS } from "../ui/format.js";
import { EmptyState } from "../ui/status.js";

function Tile({ tile, centreName }: { tile: CounterTile; centreName: string | undefined }) {
  const { t, locale } = useApp();
  const level = tile.level ?? "none";
  return (
    <article
      class={`tile level-${level}${tile.agent.online ? "" : " offline"}`}
      data-counter-id={tile.counterId}
      aria-labelledby={`tile-${tile.counterId}`}
    >
      <h3 id={`tile-${tile.counterId}`}>
        {tile.counterName}
        {centreName && <small class="tile-centre">{centreName}</small>}
      </h3>
      <p class="tile-level" data-testid="tile-level">
        <span class="level-dot" aria-hidden="true" />
        {tile.level ? t(LEVEL_KEYS[tile.level]) : t("tile.idle")}
      </p>
      <dl>
        <div>
          <dt>{t("tile.index")}</dt>
          <dd data-testid="tile-score">{formatScore(tile.today.score, locale)}</dd>
        </div>
        <div>
          <dt>{t("tile.visits")}</dt>
          <dd data-testid="tile-visits">{tile.today.visits}</dd>
        </div>
        <div>
          <dt>{t("tile.openIncidents")}</dt>
          <dd data-testid="tile-open-incidents" class={tile.openIncidents > 0 ? "alert" : undefined}>
            {tile.openIncidents}
          </dd>
        </div>
        <div>
          <dt>{t("tile.agent")}</dt>
          <dd data-testid="tile-agent" class={tile.agent.online ? "ok" : "alert"}>
            {tile.agent.agentId === null
              ? t("tile.noAgent")
              : tile.agent.online
                ? t("tile.online")
                : tile.agent.lastSeen === null
                  ? t("tile.neverSeen")
                  : t("tile.offlineSince", { time: formatDateTime(tile.agent.lastSeen) })}
          </dd>
        </div>
      </dl>
      {tile.degraded && (
        <p class="warning">{t("tile.degraded", { state: t(`camera.${tile.cameraState ?? "lost"}`) })}</p>
      )}
    </article>
  );
}

export function LiveTiles({
  tiles,
  status,
  centreNameOf,
}: {
  tiles: readonly CounterTile[];
  status: StreamStatus;
  /** Set when the viewer sees several centres: each tile then names its centre (counter names repeat). */
  centreNameOf?: ((centreId: string) => string) | undefined;
}) {
  const { t } = useApp();
  return (
    <section aria-labelledby="live-title" class="card">
      <div class="section-head">
        <h2 id="live-title">{t("live.title")}</h2>
        <span class={`stream stream-${status}`} role="status" data-testid="stream-status">
          {t(`live.stream.${status}`)}
        </span>
      </div>
      {tiles.length === 0 ? (
        <EmptyState message={t("empty.noAgent")} link={{ href: "#/guide", label: t("empty.guideLink") }} />
      ) : (
        <div class="tiles" aria-live="polite" aria-relevant="all">
          {tiles.map((tile) => (
            <Tile key={tile.counterId} tile={tile} centreName={centreNameOf?.(tile.centreId)} />
          ))}
        </div>
      )}
    </section>
  );
}
