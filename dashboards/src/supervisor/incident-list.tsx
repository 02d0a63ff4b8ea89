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
import { asApiError } from "../ui/use-async.js";

function AckForm({ incident, onDone }: { incident: IncidentDto; onDone: (updated: IncidentDto) => void }) {
  const { api, t } = useApp();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<IncidentOutcome>("handled");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();
  const noteId = `ack-note-${incident.id}`;
  const tooLong = note.trim().length > ACK_NOTE_MAX_CHARS;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api.acknowledge(incident.id, note.trim(), outcome));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="ack-form" onSubmit={submit}>
      <fieldset class="ack-outcome">
        <legend>{t("incident.outcome")}</legend>
        {INCIDENT_OUTCOMES.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name={`outcome-${incident.id}`}
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />{" "}
            {t(`incident.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <label for={noteId}>{t("incident.note")}</label>
      <textarea id={noteId} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      {tooLong && (
        <p class="error-box" role="alert">
          {t("error.note_too_long")}
        </p>
      )}
      <button type="submit" disabled={busy || tooLong}>
        {busy ? t("common.working") : t("incident.ack")}
      </button>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

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

const HELD_BACK_REASONS = [
  "cooldown",
  "hourly-cap",
  "quiet-hours",
  "agent-offline",
  "agent-degraded",
  "stale",
] as const;

function heldBackKey(reason: string) {
  const known = HELD_BACK_REASONS.find((r) => r === reason);
  return known ? (`incident.heldBack.${known}` as const) : "incident.heldBack.other";
}

function smsStatusKey(status: string) {
  const known = SMS_STATUSES.find((s) => s === status);
  return known ? (`sms.status.${known}` as const) : "sms.status.other";
}

interface ItemProps {
  incident: IncidentDto;
  fieldName: (field: string) => string;
  canAcknowledge: boolean;
  onUpdate: (updated: IncidentDto) => void;
}

function IncidentItem({ incident, fieldName, canAcknowledge, onUpdate }: ItemProps) {
  const { t, locale } = useApp();
  return (
    <li class={`incident status-${incident.status}`} data-incident-id={incident.id}>
      <div class="incident-head">
        <strong>{incident.counterName}</strong>
        <span class="badge">{fieldName(incident.field)}</span>
        {incident.test && <span class="badge test">{t("incident.test")}</span>}
        <span class={`badge ${incident.status}`} data-testid="incident-status">
          {t(`incident.status.${incident.status}`)}
        </span>
      </div>
      <p>
        {t("incident.raised", {
          time: formatDateTime(incident.raisedAt, locale),
          peak: formatPercent(incident.peak, locale),
          seconds: Math.round(incident.durationMs / 1000),
        })}
      </p>
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
      {incident.status === "acknowledged" ? (
        <p data-testid="incident-ack-by">
          {t("incident.ackBy", {
            who: incident.acknowledgedBy ?? "?",
            time: formatDateTime(incident.acknowledgedAt, locale),
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
      ) : (
        canAcknowledge && <AckForm incident={incident} onDone={onUpdate} />
      )}
    </li>
  );
}

export function IncidentList(props: {
  incidents: readonly IncidentDto[];
  /** The counters the viewer sees (who may acknowledge depends on the counter's centre and department). */
  counters: readonly CounterDto[];
  /** The field's Vietnamese name (from the directory). */
  fieldName: (field: string) => string;
  onUpdate: (updated: IncidentDto) => void;
}) {
  const { t, session } = useApp();
  const canAcknowledge = (incident: IncidentDto) => {
    const counter = props.counters.find((c) => c.id === incident.counterId);
    return session !== null && counter !== undefined && mayAcknowledge(session.user, counter);
  };
  if (props.incidents.length === 0) return <p class="muted">{t("incident.none")}</p>;
  return (
    <ul class="incidents" aria-live="polite">
      {props.incidents.map((i) => (
        <IncidentItem
          key={i.id}
          incident={i}
          fieldName={props.fieldName}
          canAcknowledge={canAcknowledge(i)}
          onUpdate={props.onUpdate}
        />
      ))}
    </ul>
  );
}
