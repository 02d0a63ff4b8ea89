import { describe, expect, it } from "vitest";
import { formatDuration, formatIncidentSms, formatOfflineSms, formatRecoveredSms } from "./message-format.js";
import { countSegments } from "./text-encoding.js";

const TZ = "Asia/Ho_Chi_Minh";
// 2026-03-02 02:41:07 UTC = 09:41 in Ho Chi Minh City
const AT = Date.UTC(2026, 2, 2, 2, 41, 7);
const place = { centreName: "TT HCC P.Bến Nghé", counterLabel: "2", fieldName: "Hộ tịch" };
const unaccented = { mode: "unaccented" as const, maxSegments: 1, timeZone: TZ };
const accented = { mode: "accented" as const, maxSegments: 1, timeZone: TZ };

describe("formatIncidentSms", () => {
  it("renders the documented unaccented one-segment text", () => {
    const sms = formatIncidentSms(
      { kind: "incident", place, at: AT, durationMs: 12_400, ackUrl: "http://hub.local/a/k3J9x" },
      unaccented,
    );
    expect(sms.body).toBe(
      "HAILONG: Cong dan khong hai long tai quay 2 (Ho tich), TT HCC P.Ben Nghe, 09:41, 12s. Xac nhan: http://hub.local/a/k3J9x",
    );
    expect(sms).toMatchObject({ encoding: "GSM-7", segments: 1, fits: true });
  });

  it("a long centre name is shortened, the link is kept whole", () => {
    const url = "https://hailong.hcmc.gov.vn/a/Zq81kLmN0pQr";
    const sms = formatIncidentSms(
      {
        kind: "incident",
        place: {
          ...place,
          centreName: "Trung tâm Phục vụ Hành chính công Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        },
        at: AT,
        durationMs: 75_000,
        ackUrl: url,
      },
      unaccented,
    );
    expect(sms.fits).toBe(true);
    expect(sms.body.length).toBeLessThanOrEqual(160);
    expect(sms.body.endsWith(url)).toBe(true);
    expect(sms.body).toContain("Trung tam");
    expect(sms.body).toContain("1p15s");
  });

  it("accented text is UCS-2 and fits one 70-unit segment by falling back to the compact form", () => {
    const url = "http://hub.local/a/k3J9xAbCdEfG";
    const sms = formatIncidentSms({ kind: "incident", place, at: AT, durationMs: 12_000, ackUrl: url }, accented);
    expect(sms).toMatchObject({ encoding: "UCS-2", segments: 1, fits: true });
    expect(sms.body.length).toBeLessThanOrEqual(70);
    expect(sms.body).toContain(url);
    expect(sms.body).toContain("09:41");
  });

  it("accented text with two segments keeps the full sentence", () => {
    const sms = formatIncidentSms(
      { kind: "incident", place, at: AT, durationMs: 12_000, ackUrl: "http://hub.local/a/x" },
      { ...accented, maxSegments: 2 },
    );
    expect(sms.body).toContain("Công dân không hài lòng tại quầy 2 (Hộ tịch), TT HCC P.Bến Nghé");
    expect(countSegments(sms.body).segments).toBe(2);
  });

  it("a link too long for any form is still sent whole and flagged", () => {
    const url = `http://hub.local/a/${"x".repeat(200)}`;
    const sms = formatIncidentSms({ kind: "incident", place, at: AT, durationMs: 1, ackUrl: url }, unaccented);
    expect(sms.fits).toBe(false);
    expect(sms.body).toContain(url);
  });

  it("escalation and test texts say so", () => {
    const input = { place, at: AT, durationMs: 12_000, ackUrl: "http://h/a/t" };
    expect(formatIncidentSms({ ...input, kind: "escalation" }, unaccented).body).toMatch(
      /^HAILONG \(chua xac nhan\): /,
    );
    expect(formatIncidentSms({ ...input, kind: "test" }, unaccented).body).toMatch(/^HAILONG THU: /);
  });
});

describe("offline / recovered texts", () => {
  it("name the counter and the time", () => {
    expect(formatOfflineSms(place, AT, unaccented).body).toBe(
      "HAILONG: Quay 2 (Ho tich), TT HCC P.Ben Nghe mat ket noi tu 09:41.",
    );
    expect(formatRecoveredSms({ ...place, counterLabel: "Quầy 3" }, AT, 21 * 60_000, unaccented).body).toBe(
      "HAILONG: Quay 3 (Ho tich), TT HCC P.Ben Nghe da hoat dong lai luc 09:41 (mat ket noi 21p00s).",
    );
  });
});

describe("formatDuration", () => {
  it("uses s / p / g", () => {
    expect([0, 12_400, 59_600, 65_000, 3_720_000].map(formatDuration)).toEqual([
      "0s",
      "12s",
      "1p00s",
      "1p05s",
      "1g02p",
    ]);
  });
});
