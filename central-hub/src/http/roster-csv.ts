import { ROSTER_CSV_COLUMNS, type RosterShiftDto, type Weekday } from "@hailong/protocol";
import { parseCsv } from "./csv.js";
import type { RosterOfficial } from "./ports.js";

const DAY_WORDS: Record<string, Weekday> = {
  T2: "mon",
  T3: "tue",
  T4: "wed",
  T5: "thu",
  T6: "fri",
  T7: "sat",
  CN: "sun",
};
const ORDER = Object.keys(DAY_WORDS);

/** "T2-T6", "T2 T4 T6", "T2,T7,CN" → weekday keys; undefined when a word is unknown. */
function parseDays(text: string): RosterShiftDto["days"] | undefined {
  const days = new Set<Weekday>();
  for (const part of text
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean)) {
    const range = /^(T[2-7]|CN)-(T[2-7]|CN)$/.exec(part);
    if (range) {
      const [a, b] = [ORDER.indexOf(range[1] as string), ORDER.indexOf(range[2] as string)];
      if (a > b) return undefined;
      for (const w of ORDER.slice(a, b + 1)) days.add(DAY_WORDS[w] as Weekday);
    } else if (DAY_WORDS[part]) days.add(DAY_WORDS[part]);
    else return undefined;
  }
  return days.size > 0 ? [...days] : undefined;
}

/** dd/mm/yyyy → yyyy-mm-dd; "" → undefined; null when malformed. */
function parseDate(text: string): string | undefined | null {
  if (text.trim() === "") return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}` : null;
}

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export type RosterCsvResult =
  | { ok: true; officials: RosterOfficial[]; shifts: RosterShiftDto[] }
  | { ok: false; errors: string[] };

/**
 * A centre's roster from its spreadsheet (ROSTER_CSV_COLUMNS, Vietnamese): one line per official and shift; the
 * counter by its name or id. Errors name the line, in Vietnamese, for the admin who uploads it. Pure.
 */
export function parseRosterCsv(
  text: string,
  centreId: string,
  counters: ReadonlyArray<{ id: string; name: string }>,
): RosterCsvResult {
  const [header, ...lines] = parseCsv(text);
  const errors: string[] = [];
  if (!header || header.map((h) => h.trim()).join(",") !== ROSTER_CSV_COLUMNS.join(",")) {
    return { ok: false, errors: [`Dòng tiêu đề phải là: ${ROSTER_CSV_COLUMNS.join(",")}`] };
  }
  const officials = new Map<string, RosterOfficial>();
  const shifts: RosterShiftDto[] = [];
  lines.forEach((cells, index) => {
    const line = index + 2;
    const [officialId = "", name = "", counterText = "", dayText = "", start = "", end = "", from = "", to = ""] =
      cells.map((c) => c.trim());
    const counter = counters.find((c) => c.id === counterText || c.name === counterText);
    const days = parseDays(dayText);
    const validFrom = parseDate(from);
    const validTo = parseDate(to);
    const problems = [
      ID.test(officialId) ? null : "mã cán bộ chỉ gồm chữ không dấu, số, dấu gạch",
      name ? null : "thiếu họ tên",
      counter ? null : `không có quầy "${counterText}" ở trung tâm này`,
      days ? null : `thứ "${dayText}" không hợp lệ (ví dụ T2-T6, T7, CN)`,
      TIME.test(start) && TIME.test(end) && start.padStart(5, "0") < end.padStart(5, "0")
        ? null
        : "giờ phải dạng HH:mm, giờ kết thúc sau giờ bắt đầu",
      validFrom === null || validTo === null ? "ngày phải dạng dd/mm/yyyy" : null,
    ].filter((p): p is string => p !== null);
    if (problems.length > 0 || !counter || !days) {
      errors.push(`Dòng ${line}: ${problems.join("; ")}`);
      return;
    }
    officials.set(officialId, { id: officialId, centreId, name, active: true });
    shifts.push({
      id: `${officialId}.${counter.id}.${line}`.slice(0, 64),
      officialId,
      counterId: counter.id,
      days,
      start: start.padStart(5, "0"),
      end: end.padStart(5, "0"),
      ...(validFrom ? { validFrom } : {}),
      ...(validTo ? { validTo } : {}),
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, officials: [...officials.values()], shifts };
}
