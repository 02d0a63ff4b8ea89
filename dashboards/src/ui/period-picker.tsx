import { REPORT_KINDS, type ReportKind } from "@hailong/protocol";
import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";
import { reportPeriodOptions } from "./report-periods.js";

export interface PeriodChoice {
  kind: ReportKind;
  /** yyyy-mm, yyyy-Qn or yyyy, as the hub takes it. */
  period: string;
  setKind(kind: ReportKind): void;
  setPeriod(period: string): void;
}

/** A month, quarter or year of Ho Chi Minh City time, the latest one until the user picks another. */
export function usePeriodChoice(): PeriodChoice {
  const [kind, setKind] = useState<ReportKind>("monthly");
  const [chosen, setPeriod] = useState("");
  const options = reportPeriodOptions(kind, Date.now());
  const period = options.some((o) => o.value === chosen) ? chosen : (options[0]?.value ?? "");
  return { kind, period, setKind, setPeriod };
}

/** The kind (Tháng, Quý, Năm) and the period as two selects, labelled in Vietnamese ("Tháng 11/2026"). */
export function PeriodPicker(props: {
  choice: PeriodChoice;
  testId?: string;
  labels?: { kind: MessageKey; period: MessageKey };
}) {
  const { t } = useApp();
  const { choice, testId } = props;
  const labels = props.labels ?? { kind: "reports.periodKind", period: "reports.period" };
  const { kind, period } = choice;
  return (
    <>
      <label>
        {t(labels.kind)}
        <select value={kind} onChange={(e) => choice.setKind(e.currentTarget.value as ReportKind)}>
          {REPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`reports.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t(labels.period)}
        <select value={period} onChange={(e) => choice.setPeriod(e.currentTarget.value)} data-testid={testId}>
          {reportPeriodOptions(kind, Date.now()).map((o) => (
            <option key={o.value} value={o.value}>
              {`${t(`reports.kind.${kind}`)} ${o.label}`}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
