/** Every centre keeps Ho Chi Minh City time (UTC+7 all year, no DST), whatever zone the hub or the browser is in. */
export const CENTRE_TIME_ZONE = "Asia/Ho_Chi_Minh";

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: CENTRE_TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** dd/mm/yyyy HH:mm (24 h) in the centre's time zone: how reports, exports and the dashboards write a moment. */
export function formatVietnamDateTime(ms: number): string {
  const parts = DATE_TIME.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}
