/**
 * The words an alert SMS is built from (pure): shortened place names, date and time, durations in words.
 * Written with accents; the formatter folds them to GSM-7 when the text goes out unaccented.
 */

const CENTRE_PREFIXES: Array<[RegExp, string]> = [
  [/trung tâm phục vụ hành chính công/iu, "TTPVHCC"],
  [/trung tâm hành chính công/iu, "TTHCC"],
  [/trung tâm/iu, "TT"],
];

/** "Trung tâm Phục vụ hành chính công phường Tân Thuận" → "TTPVHCC P.Tân Thuận": the ward name stays whole. */
export function abbreviateCentre(name: string): string {
  let out = name.normalize("NFC").trim();
  for (const [pattern, short] of CENTRE_PREFIXES) {
    if (pattern.test(out)) {
      out = out.replace(pattern, short);
      break;
    }
  }
  return out
    .replace(/\bphường\s+/iu, "P.")
    .replace(/\bquận\s+/iu, "Q.")
    .replace(/\s+/g, " ");
}

/** The ward part of a centre name ("P.Tân Thuận"), or the abbreviated name when it names no ward. */
export function wardOf(centreName: string): string {
  const short = abbreviateCentre(centreName);
  const at = short.search(/P\./u);
  return at >= 0 ? short.slice(at) : short;
}

/** "Bộ phận Quản lý đô thị - Xây dựng" → "Quản lý đô thị - Xây dựng". */
export function shortField(fieldName: string): string {
  return fieldName
    .normalize("NFC")
    .replace(/^bộ phận\s+/iu, "")
    .trim();
}

/** True when the counter's own label already names the field (or one of its " - " parts). */
export function counterNamesField(counterLabel: string, fieldName: string): boolean {
  const label = counterLabel.normalize("NFC").toLowerCase();
  const field = shortField(fieldName).toLowerCase();
  if (field === "") return true;
  return [field, ...field.split(/\s+-\s+/)].some((part) => part.length >= 3 && label.includes(part));
}

/** "2" → "quầy 2"; "Quầy Đất đai 1" stays. */
export function counterPhrase(label: string): string {
  const trimmed = label.normalize("NFC").trim();
  return /^quầy\b/iu.test(trimmed) || /^quay\b/i.test(trimmed) ? `Q${trimmed.slice(1)}` : `quầy ${trimmed}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(epochMs: number, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      day: "2-digit",
      month: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
}

/** 24-hour HH:mm in the centre's time zone. */
export function formatClock(epochMs: number, timeZone: string): string {
  const p = partsIn(epochMs, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** "09:41 02/03": time, then day/month, in the centre's time zone. */
export function formatClockAndDate(epochMs: number, timeZone: string): string {
  const p = partsIn(epochMs, timeZone);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}`;
}

/** "12 giây", "1 phút 15 giây", "1 giờ 2 phút"; `short` drops the seconds past a minute. */
export function durationInWords(ms: number, short = false): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total} giây`;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 60) return short || seconds === 0 ? `${minutes} phút` : `${minutes} phút ${seconds} giây`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} giờ${rest === 0 ? "" : ` ${rest} phút`}`;
}
