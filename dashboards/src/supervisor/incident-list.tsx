import {
  ACK_NOTE_MAX_CHARS,
  type CounterDto,
  INCIDENT_OUTCOMES,
  type IncidentDto,
  type IncidentOutcome,
  mayAcknowledge,
} from "@hailong/protocol";
import { useState } from "preact/hooks";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import { formatDateTime, formatPercent } from "../ui/format.js";
import { ErrorBox } from "../ui/status.js";
import { ToggleGroup } from "../ui/toggle-group.js";
import { asApiError } from "../ui/use-async.js";
import { groupIncidents, type IncidentFilter } from "./incident-groups.js";

/** One outcome and note for every selected incident; each is still checked by the hub (who may acknowledge). */
function BulkAckForm(props: { selected: readonly IncidentDto[]; onDone: (updated: IncidentDto[]) => void }) {
  const { api, t } = useApp();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<IncidentOutcome>("handled");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const tooLong = note.trim().length > ACK_NOTE_MAX_CHARS;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const updated: IncidentDto[] = [];
    try {
      for (const incident of props.selected) updated.push(await api.acknowledge(incident.id, note.trim(), outcome));
      setNote("");
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
      props.onDone(updated);
    }
  };
  return (
    <form class="ack-form bulk-ack" onSubmit={submit} data-testid="bulk-ack">
      <fieldset class="ack-outcome">
        <legend>{t("incident.outcome")}</legend>
        {INCIDENT_OUTCOMES.map((o) => (
          <label key={o}>
            <input type="radio" name="bulk-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />{" "}
            {t(`incident.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <label for="bulk-ack-note">{t("incident.note")}</label>
      <textarea id="bulk-ack-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      {tooLong && (
        <p class="error-box" role="alert">
          {t("error.note_too_long")}
        </p>
      )}
      <button type="submit" disabled={busy || tooLong || props.selected.length === 0}>
        {busy ? t("common.working") : t("incident.ackSelected", { n: props.selected.length })}
      </button>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

const HELD_BACK_REASONS = [
  "cooldown",
  "hourly-cap",
  "quiet-hours",
  "agent-offline",
  "agent-degraded",
  "stale",
] as const;

/** The message key `<prefix>.<value>` for a value the table knows, else `<prefix>.other`. */
function knownKey<P extends string, K extends string>(prefix: P, known: readonly K[], value: string) {
  const found = known.find((k) => k === value);
  return found ? (`${prefix}.${found}` as const) : (`${prefix}.other` as const);
}

const heldBackKey = (reason: string) => knownKey("incident.heldBack", HELD_BACK_REASONS, reason);

const SMS_STATUSES = [
  "pending",
  "sending",
  "queued",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "expired",
  "logged",
] as const;

const smsStatusKey = (status: string) => knownKey("sms.status", SMS_STATUSES, status);

interface ItemProps {
  incident: IncidentDto;
  /** Present when the viewer may acknowledge this open incident: the selection checkbox. */
  select?: { checked: boolean; toggle: () => void };
}

function IncidentItem({ incident, select }: ItemProps) {
  const { t, locale } = useApp();
  const raised = t("incident.raised", {
    time: formatDateTime(incident.onset),
    peak: formatPercent(incident.peak, locale),
    seconds: Math.round(incident.durationMs / 1000),
  });
  return (
    <li class={`incident status-${incident.status}`} data-incident-id={incident.id}>
      <div class="incident-head">
        {select && (
          <input
            type="checkbox"
            checked={select.checked}
            onChange={select.toggle}
            aria-label={t("incident.select", { time: formatDateTime(incident.onset) })}
          />
        )}
        {incident.test && <span class="badge test">{t("incident.test")}</span>}
        <span class={`badge ${incident.status}`} data-testid="incident-status">
          {t(`incident.status.${incident.status}`)}
        </span>
        <span>{raised}</span>
      </div>
      {incident.notifications.length > 0 && (
        <p class="muted">
          {t("incident.sms")}{" "}
          {incident.notifications
            .map((n) => `${n.personName} (${n.phoneMasked}): ${t(smsStatusKey(n.status))}`)
            .join("; ")}
        </p>
      )}
      {incident.smsHeldBack.map((h) => (
        <p class="muted" data-testid="incident-held-back" key={h.personName}>
          {t("incident.heldBack", { who: h.personName, reason: t(heldBackKey(h.reason)) })}
        </p>
      ))}
      {incident.status === "acknowledged" && (
        <p data-testid="incident-ack-by">
          {t("incident.ackBy", {
            who: incident.acknowledgedBy ?? "?",
            time: formatDateTime(incident.acknowledgedAt),
            via: t(incident.ackVia === "sms_link" ? "incident.via.sms" : "incident.via.dashboard"),
          })}
          {incident.outcome && ` — ${t(`incident.outcome.${incident.outcome}`)}`}
          {incident.ackNote && (
            <>
              {" — "}
              <q>{incident.ackNote}</q>
            </>
          )}
        </p>
      )}
    </li>
  );
}

/** Triage: open or all, grouped by day and counter (newest first), several acknowledged at once. */
export function IncidentList(props: {
  incidents: readonly IncidentDto[];
  /** The counters the viewer sees (who may acknowledge depends on the counter's centre and department). */
  counters: readonly CounterDto[];
  /** The field's Vietnamese name (from the directory). */
  fieldName: (field: string) => string;
  onUpdate: (updated: IncidentDto) => void;
}) {
  const { t, session, locale } = useApp();
  const [filter, setFilter] = useState<IncidentFilter>("open");
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const canAcknowledge = (incident: IncidentDto) => {
    const counter = props.counters.find((c) => c.id === incident.counterId);
    return (
      incident.status === "open" && session !== null && counter !== undefined && mayAcknowledge(session.user, counter)
    );
  };
  const groups = groupIncidents(props.incidents, filter);
  const actionable = props.incidents.filter(canAcknowledge);
  const selected = actionable.filter((i) => selectedIds.has(i.id));
  const toggle = (id: string) =>
    setSelectedIds((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <>
      <ToggleGroup
        label={t("incident.filter")}
        class="incident-filter"
        options={[
          { value: "open", label: t("incident.filter.open") },
          { value: "all", label: t("incident.filter.all") },
        ]}
        value={filter}
        onChange={setFilter}
        testIdPrefix="incident-filter"
      />
      {actionable.length > 0 && (
        <BulkAckForm
          selected={selected}
          onDone={(updated) => {
            for (const i of updated) props.onUpdate(i);
            setSelectedIds(new Set());
          }}
        />
      )}
      {groups.length === 0 ? (
        <p class="muted">{t(filter === "open" ? "incident.noneOpen" : "incident.none")}</p>
      ) : (
        <div aria-live="polite">
          {groups.map((day) => (
            <section class="incident-day" key={day.day} data-day={day.day}>
              <h3>{formatDay(day.counters[0]?.incidents[0]?.onset ?? 0, locale)}</h3>
              {day.counters.map((c) => (
                <div class="incident-counter" key={c.counterId} data-counter-id={c.counterId}>
                  <h4>
                    {c.counterName} <span class="badge">{props.fieldName(c.field)}</span>{" "}
                    <span class="muted">{t("incident.count", { n: c.incidents.length })}</span>
                  </h4>
                  <ul class="incidents">
                    {c.incidents.map((i) => (
                      <IncidentItem
                        key={i.id}
                        incident={i}
                        {...(canAcknowledge(i)
                          ? { select: { checked: selectedIds.has(i.id), toggle: () => toggle(i.id) } }
                          : {})}
                      />
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
        </div>
      )}
    </>
  );
}

function formatDay(ms: number, locale: string): string {
  return new Date(ms).toLocaleDateString(locale, {
    weekday: "long",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  });
}
