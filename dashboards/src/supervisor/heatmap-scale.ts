/**
 * Colour for a heatmap cell: hue runs red (score 0) -> amber -> green (score 100) at a fixed light
 * lightness, so dark text on top keeps a contrast ratio above 4.5:1 in every cell.
 */
export function scoreColour(score: number | null): string {
  if (score === null) return "#eef0f2";
  const clamped = Math.min(100, Math.max(0, score));
  const hue = Math.round((clamped / 100) * 130);
  return `hsl(${hue} 70% 82%)`;
}

export interface HeatmapGrid {
  /** rows[weekday 0=Mon..6=Sun][hour 0..23] */
  rows: { visits: number; score: number | null }[][];
  maxVisits: number;
}

export function buildHeatmapGrid(
  cells: readonly { weekday: number; hour: number; visits: number; score: number | null }[],
): HeatmapGrid {
  const rows = Array.from({ length: 7 }, () =>
    Array.from({ length: 24 }, () => ({ visits: 0, score: null as number | null })),
  );
  let maxVisits = 0;
  for (const cell of cells) {
    const row = rows[cell.weekday];
    if (!row || cell.hour < 0 || cell.hour > 23) continue;
    row[cell.hour] = { visits: cell.visits, score: cell.score };
    maxVisits = Math.max(maxVisits, cell.visits);
  }
  return { rows, maxVisits };
}

/** Hours worth showing: the span that had visits, at least 7..17 (office hours). */
export function visibleHours(grid: HeatmapGrid): number[] {
  let first = 7;
  let last = 17;
  for (const row of grid.rows) {
    row.forEach((cell, hour) => {
      if (cell.visits > 0) {
        first = Math.min(first, hour);
        last = Math.max(last, hour);
      }
    });
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
