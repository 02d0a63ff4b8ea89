import type { CounterTile, IncidentDto, LiveEvent } from "@hailong/protocol";

/** What the live part of the supervisor page shows; updated only by applying LiveEvents. */
export interface LiveState {
  readonly tiles: readonly CounterTile[];
  /** Incidents that arrived or changed over SSE since the list was loaded, newest first. */
  readonly incidents: readonly IncidentDto[];
  readonly lastEventAt: number | null;
}

export const EMPTY_LIVE_STATE: LiveState = { tiles: [], incidents: [], lastEventAt: null };

const MAX_LIVE_INCIDENTS = 200;

function upsertTile(tiles: readonly CounterTile[], tile: CounterTile): readonly CounterTile[] {
  const index = tiles.findIndex((t) => t.counterId === tile.counterId);
  if (index === -1) return [...tiles, tile].sort((a, b) => a.counterName.localeCompare(b.counterName));
  return tiles.map((t, i) => (i === index ? tile : t));
}

export function upsertIncident(list: readonly IncidentDto[], incident: IncidentDto): readonly IncidentDto[] {
  const rest = list.filter((i) => i.id !== incident.id);
  return [incident, ...rest].sort((a, b) => b.raisedAt - a.raisedAt).slice(0, MAX_LIVE_INCIDENTS);
}

export function withTiles(state: LiveState, tiles: readonly CounterTile[]): LiveState {
  return { ...state, tiles: [...tiles].sort((a, b) => a.counterName.localeCompare(b.counterName)) };
}

export function applyLiveEvent(state: LiveState, event: LiveEvent, now: number): LiveState {
  switch (event.type) {
    case "hello":
      return { ...state, lastEventAt: now };
    case "tile":
      return { ...state, tiles: upsertTile(state.tiles, event.tile), lastEventAt: now };
    case "incident":
    case "incident-ack":
    case "incident-update":
      return { ...state, incidents: upsertIncident(state.incidents, event.incident), lastEventAt: now };
    case "agent":
      return {
        ...state,
        tiles: state.tiles.map((t) =>
          t.agent.agentId === event.agentId
            ? { ...t, agent: { ...t.agent, online: event.online, lastSeen: event.at } }
            : t,
        ),
        lastEventAt: now,
      };
  }
}

/** Tiles after the supervisor's filters; role scoping already happened on the hub. */
export function filterTiles(
  tiles: readonly CounterTile[],
  filters: { centreId?: string; field?: string; counterId?: string },
): readonly CounterTile[] {
  return tiles.filter(
    (t) =>
      (!filters.centreId || t.centreId === filters.centreId) &&
      (!filters.field || t.field === filters.field) &&
      (!filters.counterId || t.counterId === filters.counterId),
  );
}
