import type { ComparisonRow, SatisfactionSummary } from "@hailong/protocol";

/** Default target tỷ lệ hài lòng (%) of a centre without its own (docs/reports.md). */
export const DEFAULT_TARGET_RATE = 90;

export interface RankingEntry {
  id: string;
  name: string;
  centreId: string;
  centreName: string;
  departmentName: string | null;
  current: SatisfactionSummary;
  previous: SatisfactionSummary;
  target: number;
  /** incidents of the period with a recorded outcome, and how many of them were false alarms */
  outcomes?: { labelled: number; falseAlarms: number };
}

/** Share of labelled incidents that were false alarms (0–1, to 0.001); null before any outcome is recorded. */
export function falseAlarmShare(outcomes: RankingEntry["outcomes"]): number | null {
  if (!outcomes || outcomes.labelled === 0) return null;
  return Math.round((1000 * outcomes.falseAlarms) / outcomes.labelled) / 1000;
}

/** Incidents per 100 visits to 0.1; null without visits. */
export function incidentsPer100(s: SatisfactionSummary): number | null {
  return s.visits === 0 ? null : Math.round((1000 * s.incidents) / s.visits) / 10;
}

/** Change of tỷ lệ hài lòng in percentage points to 0.1; null unless both periods have visits. */
export function rateChange(current: SatisfactionSummary, previous: SatisfactionSummary): number | null {
  if (current.satisfactionRate === null || previous.satisfactionRate === null) return null;
  return Math.round((current.satisfactionRate - previous.satisfactionRate) * 10) / 10;
}

/** Worst tỷ lệ hài lòng first (the supervisor's question), then more incidents per visit; no visits last. */
export function compareRows(a: ComparisonRow, b: ComparisonRow): number {
  if (a.satisfactionRate === null || b.satisfactionRate === null) {
    return a.satisfactionRate === b.satisfactionRate
      ? a.name.localeCompare(b.name, "vi")
      : a.satisfactionRate === null
        ? 1
        : -1;
  }
  return (
    a.satisfactionRate - b.satisfactionRate ||
    (b.incidentsPer100 ?? 0) - (a.incidentsPer100 ?? 0) ||
    a.name.localeCompare(b.name, "vi")
  );
}

/** Ranking rows from each entry's summaries of this and the previous period; pure. */
export function rankEntries(entries: readonly RankingEntry[]): ComparisonRow[] {
  return entries
    .map(
      (e): ComparisonRow => ({
        ...e.current,
        id: e.id,
        name: e.name,
        centreId: e.centreId,
        centreName: e.centreName,
        departmentName: e.departmentName,
        incidentsPer100: incidentsPer100(e.current),
        falseAlarmShare: falseAlarmShare(e.outcomes),
        previousRate: e.previous.satisfactionRate,
        change: rateChange(e.current, e.previous),
        target: e.target,
      }),
    )
    .sort(compareRows);
}
