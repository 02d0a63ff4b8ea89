import type { ComparisonRow } from "@hailong/protocol";

export type RankingKey = "rate" | "change" | "visits" | "incidentsPer100" | "falseAlarmShare" | "score" | "name";

export interface RankingSort {
  key: RankingKey;
  ascending: boolean;
}

/** Worst tỷ lệ hài lòng first: the supervisor's question is who does worst. */
export const DEFAULT_SORT: RankingSort = { key: "rate", ascending: true };

const VALUE: Record<Exclude<RankingKey, "name">, (r: ComparisonRow) => number | null> = {
  rate: (r) => r.satisfactionRate,
  change: (r) => r.change,
  visits: (r) => r.visits,
  incidentsPer100: (r) => r.incidentsPer100,
  falseAlarmShare: (r) => r.falseAlarmShare,
  score: (r) => r.score,
};

/** Rows sorted by one column; empty values (no visits) always last, ties by name. */
export function sortRanking(rows: readonly ComparisonRow[], sort: RankingSort): ComparisonRow[] {
  const byName = (a: ComparisonRow, b: ComparisonRow) => a.name.localeCompare(b.name, "vi");
  return [...rows].sort((a, b) => {
    if (sort.key === "name") return sort.ascending ? byName(a, b) : byName(b, a);
    const va = VALUE[sort.key](a);
    const vb = VALUE[sort.key](b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return (sort.ascending ? va - vb : vb - va) || byName(a, b);
  });
}

/** Clicking the sorted column flips it; another column starts at its natural order. */
export function nextSort(current: RankingSort, key: RankingKey): RankingSort {
  if (current.key === key) return { key, ascending: !current.ascending };
  return { key, ascending: key === "rate" || key === "name" || key === "score" };
}

/** Whether a row meets its centre's target; undefined without visits. */
export function meetsTarget(row: ComparisonRow): boolean | undefined {
  return row.satisfactionRate === null ? undefined : row.satisfactionRate >= row.target;
}
