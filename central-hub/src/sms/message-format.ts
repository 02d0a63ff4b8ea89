import { countSegments, type SmsEncoding, toGsm7 } from "./text-encoding.js";

/**
 * Vietnamese alert texts (pure). Templates are written with accents; "unaccented" mode folds them to GSM-7
 * (160 chars per segment) and "accented" keeps them (UCS-2, 70 per segment). When a text is over its segment
 * budget the free-text parts shrink first (centre name, then field), then a compact template is used; the
 * acknowledgement link is never cut.
 */

export type SmsTextMode = "unaccented" | "accented";

export interface SmsFormatOptions {
  mode: SmsTextMode;
  maxSegments: number;
  timeZone: string;
}

export interface AlertPlace {
  centreName: string;
  /** "2", "Quầy 2" or "Tiếp nhận 1": rendered as "quầy 2" unless it already names the counter. */
  counterLabel: string;
  fieldName: string;
}

export interface FormattedSms {
  body: string;
  encoding: SmsEncoding;
  segments: number;
  /** False when even the most compact form is over the budget (the link alone is too long). */
  fits: boolean;
}

export type IncidentSmsKind = "incident" | "escalation" | "test";

export interface IncidentSmsInput {
  kind: IncidentSmsKind;
  place: AlertPlace;
  /** When the citizen became dissatisfied (incident onset). */
  at: number;
  durationMs: number;
  ackUrl: string;
}

interface Parts {
  centre: string;
  field: string;
}

const PREFIX: Record<IncidentSmsKind, string> = {
  incident: "HAILONG",
  escalation: "HAILONG (chưa xác nhận)",
  test: "HAILONG THỬ",
};

export function formatIncidentSms(input: IncidentSmsInput, options: SmsFormatOptions): FormattedSms {
  const counter = counterPhrase(input.place.counterLabel);
  const time = formatClock(input.at, options.timeZone);
  const duration = formatDuration(input.durationMs);
  const prefix = PREFIX[input.kind];
  const full = (p: Parts) =>
    `${prefix}: Công dân không hài lòng tại ${counter}${p.field ? ` (${p.field})` : ""}${p.centre ? `, ${p.centre}` : ""}, ${time}, ${duration}. Xác nhận: ${input.ackUrl}`;
  const compact = () => `${prefix}: KHL ${counter} ${time}. XN: ${input.ackUrl}`;
  return fit(full, compact, input.place, options, () => input.ackUrl);
}

export function formatOfflineSms(place: AlertPlace, since: number, options: SmsFormatOptions): FormattedSms {
  const counter = capitalise(counterPhrase(place.counterLabel));
  const time = formatClock(since, options.timeZone);
  const full = (p: Parts) =>
    `HAILONG: ${counter}${p.field ? ` (${p.field})` : ""}${p.centre ? `, ${p.centre}` : ""} mất kết nối từ ${time}.`;
  const compact = () => `HAILONG: ${counter} mất kết nối ${time}.`;
  return fit(full, compact, place, options, compact);
}

export function formatRecoveredSms(
  place: AlertPlace,
  at: number,
  downMs: number,
  options: SmsFormatOptions,
): FormattedSms {
  const counter = capitalise(counterPhrase(place.counterLabel));
  const time = formatClock(at, options.timeZone);
  const down = formatDuration(downMs);
  const full = (p: Parts) =>
    `HAILONG: ${counter}${p.field ? ` (${p.field})` : ""}${p.centre ? `, ${p.centre}` : ""} đã hoạt động lại lúc ${time} (mất kết nối ${down}).`;
  const compact = () => `HAILONG: ${counter} hoạt động lại ${time}.`;
  return fit(full, compact, place, options, compact);
}

function fit(
  full: (parts: Parts) => string,
  compact: () => string,
  place: AlertPlace,
  options: SmsFormatOptions,
  last: () => string,
): FormattedSms {
  const render = (text: string) => (options.mode === "unaccented" ? toGsm7(text) : text.normalize("NFC"));
  const attempt = (text: string): FormattedSms | undefined => {
    const body = render(text);
    const count = countSegments(body);
    return count.segments <= options.maxSegments
      ? { body, encoding: count.encoding, segments: count.segments, fits: true }
      : undefined;
  };
  const centre = place.centreName.trim();
  const field = place.fieldName.trim();
  const whole = attempt(full({ centre, field }));
  if (whole) return whole;
  // Shrink the centre name (keep at least a recognisable stem), then the field, then drop them.
  for (let n = centre.length - 1; n >= 6; n--) {
    const out = attempt(full({ centre: abbreviate(centre, n), field }));
    if (out) return out;
  }
  const shortCentre = centre.length > 6 ? abbreviate(centre, 6) : centre;
  for (let n = field.length - 1; n >= 4; n--) {
    const out = attempt(full({ centre: shortCentre, field: abbreviate(field, n) }));
    if (out) return out;
  }
  const bare = attempt(full({ centre: "", field: "" })) ?? attempt(compact()) ?? attempt(last());
  if (bare) return bare;
  const body = render(last());
  const count = countSegments(body);
  return { body, encoding: count.encoding, segments: count.segments, fits: false };
}

function abbreviate(text: string, length: number): string {
  return `${Array.from(text).slice(0, length).join("").trimEnd()}.`;
}

function counterPhrase(label: string): string {
  const trimmed = label.trim();
  return /^qu[aâầ]y\b/i.test(trimmed.normalize("NFC")) || /^quay\b/i.test(toGsm7(trimmed))
    ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1)
    : `quầy ${trimmed}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** 24-hour HH:mm in the centre's time zone (Asia/Ho_Chi_Minh has no DST, but the zone stays configurable). */
export function formatClock(epochMs: number, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormats.set(timeZone, format);
  }
  return format.format(new Date(epochMs));
}

/** 12s, 1p05s, 1g02p (giây / phút / giờ). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}p${String(total % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}g${String(minutes % 60).padStart(2, "0")}p`;
}
