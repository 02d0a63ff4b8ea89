import type { SmsFormatOptions } from "./message-format.js";
import { formatClockAndDate } from "./sms-words.js";
import { countSegments, toGsm7 } from "./text-encoding.js";

export interface DigestSummary {
  /** The digest's instant: the text covers the 24 hours before it. */
  at: number;
  incidents: number;
  open: number;
  falseAlarms: number;
  busiest: { counterName: string; incidents: number } | null;
  dashboardUrl: string;
}

/** The daily digest SMS (pure): the day's incidents in one segment; the busiest counter goes first if too long. */
export function formatDigestSms(s: DigestSummary, options: SmsFormatOptions) {
  const head = `HAILONG tổng hợp 24 giờ đến ${formatClockAndDate(s.at, options.timeZone)}`;
  const body =
    s.incidents === 0
      ? `${head}: không có sự cố không hài lòng nào.`
      : `${head}: ${s.incidents} sự cố không hài lòng (${s.open} chưa tiếp nhận, ${s.falseAlarms} báo nhầm).`;
  const busiest = s.busiest && s.incidents > 0 ? ` Nhiều nhất: ${s.busiest.counterName} (${s.busiest.incidents}).` : "";
  const link = ` Xem: ${s.dashboardUrl}`;
  const finish = (text: string) => {
    const out = options.mode === "unaccented" ? toGsm7(text) : text.normalize("NFC");
    const count = countSegments(out);
    return {
      body: out,
      encoding: count.encoding,
      segments: count.segments,
      fits: count.segments <= options.maxSegments,
    };
  };
  const full = finish(`${body}${busiest}${link}`);
  return full.fits ? full : finish(`${body}${link}`);
}
