import {
  abbreviateCentre,
  counterNamesField,
  counterPhrase,
  durationInWords,
  formatClockAndDate,
  shortField,
  wardOf,
} from "./sms-words.js";
import { countSegments, type SmsEncoding, toGsm7 } from "./text-encoding.js";

/**
 * Vietnamese alert texts (pure). Templates are written with accents; "unaccented" mode folds them to GSM-7
 * (160 chars per segment) and "accented" keeps them (UCS-2, 70 per segment). A text over its segment budget is
 * shortened step by step (`VARIANTS`): the centre's "Trung tâm Phục vụ hành chính công" becomes "TTPVHCC" first,
 * then the field loses "Bộ phận" or is dropped where the counter's name already says it, then the duration
 * loses its seconds, then the "HAILONG" prefix goes, then the centre is cut to its ward. The ward name, the
 * counter, the time, what to do and the acknowledgement link are never cut.
 */

export type SmsTextMode = "unaccented" | "accented";

export interface SmsFormatOptions {
  mode: SmsTextMode;
  maxSegments: number;
  timeZone: string;
}

export interface AlertPlace {
  centreName: string;
  /** "2", "Quầy 2" or "Quầy Đất đai 1": rendered as "quầy 2" unless it already names the counter. */
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
  /** Incidents at this counter this recipient was not texted about since their last SMS (cooldown, cap...). */
  heldBack?: number;
}

interface Variant {
  prefix: boolean;
  centre: "full" | "short" | "ward";
  field: "full" | "short" | "unless-named" | "none";
  shortDuration: boolean;
  /** "(+3 sự cố khác tại quầy này)" or "(+3 sự cố khác)". */
  shortHeld: boolean;
  /** "XN: <link>" or ": <link>". */
  linkLabel: boolean;
  /** "Công dân không hài lòng" or "KHÔNG HÀI LÒNG". */
  shortSentence: boolean;
}

const FIRST: Variant = {
  prefix: true,
  centre: "full",
  field: "full",
  shortDuration: false,
  shortHeld: false,
  linkLabel: true,
  shortSentence: false,
};
/** Each step shortens one more thing; the first variant that fits the segment budget is sent. */
const STEPS: Array<Partial<Variant>> = [
  {},
  { centre: "short" },
  { field: "short" },
  { field: "unless-named" },
  { shortDuration: true },
  { prefix: false },
  { centre: "ward" },
  { shortHeld: true },
  { linkLabel: false },
  { field: "none" },
  { shortSentence: true },
];
const VARIANTS: Variant[] = [];
for (const step of STEPS) VARIANTS.push({ ...(VARIANTS.at(-1) ?? FIRST), ...step });

const PREFIX: Record<Exclude<IncidentSmsKind, "test">, [string, string]> = {
  incident: ["HAILONG ", ""],
  escalation: ["HAILONG - CHƯA AI XÁC NHẬN ", "CHƯA XN "],
};

interface Where {
  counter: string;
  field: string;
  centre: string;
}

function where(place: AlertPlace, v: Variant): Where {
  const counter = counterPhrase(place.counterLabel);
  const centre =
    v.centre === "full"
      ? place.centreName.trim()
      : v.centre === "short"
        ? abbreviateCentre(place.centreName)
        : wardOf(place.centreName);
  const field =
    v.field === "full"
      ? place.fieldName.trim()
      : v.field === "short" || (v.field === "unless-named" && !counterNamesField(place.counterLabel, place.fieldName))
        ? shortField(place.fieldName)
        : "";
  return { counter, field: field ? ` (${field})` : "", centre };
}

export function formatIncidentSms(input: IncidentSmsInput, options: SmsFormatOptions): FormattedSms {
  const when = formatClockAndDate(input.at, options.timeZone);
  const held = (v: Variant) =>
    input.heldBack ? ` (+${input.heldBack} sự cố khác${v.shortHeld ? "" : " tại quầy này"})` : "";
  const render = (v: Variant) => {
    const w = where(input.place, v);
    if (input.kind === "test") {
      return `THỬ NGHIỆM, không có công dân nào: tin thử của ${w.counter}${w.field}, ${w.centre}, ${when}. Bấm để thử xác nhận: ${input.ackUrl}`;
    }
    const prefix = PREFIX[input.kind][v.prefix ? 0 : 1];
    const duration = durationInWords(input.durationMs, v.shortDuration);
    const link = v.linkLabel ? `. XN: ${input.ackUrl}` : `: ${input.ackUrl}`;
    const sentence = v.shortSentence ? `${when} KHÔNG HÀI LÒNG` : `${when}: Công dân không hài lòng`;
    return `${prefix}${sentence} ${duration} tại ${w.counter}${w.field}, ${w.centre}. Vui lòng kiểm tra quầy${held(v)}${link}`;
  };
  const last = VARIANTS.at(-1) as Variant;
  const compact = () =>
    `${when} KHL ${counterPhrase(input.place.counterLabel)}, ${wardOf(input.place.centreName)}. Vui lòng kiểm tra quầy${held(last)}: ${input.ackUrl}`;
  return fit(render, compact, options);
}

export function formatOfflineSms(place: AlertPlace, since: number, options: SmsFormatOptions): FormattedSms {
  const when = formatClockAndDate(since, options.timeZone);
  const render = (v: Variant) => {
    const w = where(place, v);
    return `${v.prefix ? "HAILONG: " : ""}Camera ${w.counter}${w.field}, ${w.centre} mất kết nối từ ${when}. Vui lòng kiểm tra thiết bị.`;
  };
  return fit(render, () => render(VARIANTS.at(-1) as Variant), options);
}

export function formatRecoveredSms(
  place: AlertPlace,
  at: number,
  downMs: number,
  options: SmsFormatOptions,
): FormattedSms {
  const when = formatClockAndDate(at, options.timeZone);
  const render = (v: Variant) => {
    const w = where(place, v);
    const down = durationInWords(downMs, v.shortDuration);
    return `${v.prefix ? "HAILONG: " : ""}Camera ${w.counter}${w.field}, ${w.centre} đã hoạt động lại lúc ${when} (mất kết nối ${down}).`;
  };
  return fit(render, () => render(VARIANTS.at(-1) as Variant), options);
}

function fit(render: (v: Variant) => string, compact: () => string, options: SmsFormatOptions): FormattedSms {
  const finish = (text: string) => {
    const body = options.mode === "unaccented" ? toGsm7(text) : text.normalize("NFC");
    const count = countSegments(body);
    return { body, encoding: count.encoding, segments: count.segments, fits: count.segments <= options.maxSegments };
  };
  for (const variant of VARIANTS) {
    const out = finish(render(variant));
    if (out.fits) return out;
  }
  return finish(compact());
}
