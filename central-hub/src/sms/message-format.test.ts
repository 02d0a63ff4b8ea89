import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type AlertPlace,
  type FormattedSms,
  formatIncidentSms,
  formatOfflineSms,
  formatRecoveredSms,
  type IncidentSmsInput,
} from "./message-format.js";
import { durationInWords } from "./sms-words.js";
import { countSegments, isGsm7 } from "./text-encoding.js";

const TZ = "Asia/Ho_Chi_Minh";
// 2026-03-02 02:41:07 UTC = 09:41 on 2 March in Ho Chi Minh City
const AT = Date.UTC(2026, 2, 2, 2, 41, 7);
const unaccented = { mode: "unaccented" as const, maxSegments: 1, timeZone: TZ };
const accented = { mode: "accented" as const, maxSegments: 1, timeZone: TZ };

/** The longest names in the seeds (central-hub/seed/demo-directory.yaml and the demo directory). */
const longest: AlertPlace = {
  centreName: "Trung tâm Phục vụ hành chính công phường Tân Thuận",
  counterLabel: "Quầy 3 - Xây dựng",
  fieldName: "Bộ phận Quản lý đô thị - Xây dựng",
};
const saiGon: AlertPlace = {
  centreName: "Trung tâm Phục vụ hành chính công phường Sài Gòn",
  counterLabel: "Quầy Đất đai 1",
  fieldName: "Bộ phận Đất đai",
};
const bareCounter: AlertPlace = { ...longest, counterLabel: "12" };
/** A realistic production link: 40 characters, https, the hub's own short /a/<token> path. */
const LINK40 = "https://hailong.tanthuan.gov.vn/a/Zq81kL";

function expectOneSegmentWithWard(sms: FormattedSms, ward: string) {
  expect(sms).toMatchObject({ encoding: "GSM-7", segments: 1, fits: true });
  expect(isGsm7(sms.body)).toBe(true);
  expect(countSegments(sms.body).segments).toBe(1);
  expect(sms.body).toContain(ward);
}

describe("formatIncidentSms", () => {
  it("the test link is 40 characters", () => {
    expect(LINK40).toHaveLength(40);
  });

  const cases: Array<[string, AlertPlace, Partial<IncidentSmsInput>, string]> = [
    ["longest seed names", longest, {}, "P.Tan Thuan"],
    ["longest names, 1 h 2 min, 3 held back", longest, { durationMs: 3_720_000, heldBack: 3 }, "P.Tan Thuan"],
    ["a bare counter number keeps its field", bareCounter, { heldBack: 12 }, "P.Tan Thuan"],
    ["escalation", longest, { kind: "escalation" }, "P.Tan Thuan"],
    ["escalation with 9 held back", longest, { kind: "escalation", heldBack: 9 }, "P.Tan Thuan"],
    ["test", longest, { kind: "test" }, "P.Tan Thuan"],
    ["demo counter", saiGon, {}, "P.Sai Gon"],
  ];
  it.each(cases)("%s: one GSM-7 segment, ward name kept, link whole", (_name, place, over, ward) => {
    const sms = formatIncidentSms(
      { kind: "incident", place, at: AT, durationMs: 75_000, ackUrl: LINK40, ...over },
      unaccented,
    );
    expectOneSegmentWithWard(sms, ward);
    expect(sms.body.endsWith(LINK40)).toBe(true);
    expect(sms.body).toContain("09:41 02/03");
    if (over.kind !== "test") expect(sms.body).toContain("Vui long kiem tra quay");
    if (over.heldBack) expect(sms.body).toContain(`(+${over.heldBack} su co khac`);
    if (over.kind !== "test") expect(sms.body).toMatch(/\d+ (giay|phut|gio)/);
  });

  it("abbreviates the centre to TTPVHCC before cutting anything else", () => {
    const sms = formatIncidentSms(
      { kind: "incident", place: saiGon, at: AT, durationMs: 75_000, ackUrl: LINK40 },
      unaccented,
    );
    expect(sms.body).toBe(
      "HAILONG 09:41 02/03: Cong dan khong hai long 1 phut tai Quay Dat dai 1, TTPVHCC P.Sai Gon. Vui long kiem tra quay. XN: https://hailong.tanthuan.gov.vn/a/Zq81kL",
    );
  });

  it("a test SMS starts with THU NGHIEM and says no citizen is involved", () => {
    const body = formatIncidentSms(
      { kind: "test", place: saiGon, at: AT, durationMs: 0, ackUrl: LINK40 },
      unaccented,
    ).body;
    expect(body.startsWith("THU NGHIEM")).toBe(true);
    expect(body).toContain("khong co cong dan nao");
    expect(body).not.toContain("khong hai long");
  });

  it("an escalation says nobody has acknowledged yet", () => {
    const body = formatIncidentSms(
      { kind: "escalation", place: saiGon, at: AT, durationMs: 12_000, ackUrl: "http://hub.local/a/k3J9x" },
      unaccented,
    ).body;
    expect(body).toMatch(/^CHUA XN 09:41 02\/03: Cong dan khong hai long 12 giay /);
    const roomy = formatIncidentSms(
      { kind: "escalation", place: saiGon, at: AT, durationMs: 12_000, ackUrl: "http://h/a/k" },
      { ...unaccented, maxSegments: 2 },
    ).body;
    expect(roomy).toMatch(/^HAILONG - CHUA AI XAC NHAN 09:41 02\/03: /);
  });

  it("accented text keeps its diacritics as UCS-2 within the configured segments", () => {
    const url = "http://hub.local/a/k3J9xAbCdEfG";
    const sms = formatIncidentSms(
      { kind: "incident", place: saiGon, at: AT, durationMs: 12_000, ackUrl: url },
      { ...accented, maxSegments: 3 },
    );
    expect(sms).toMatchObject({ encoding: "UCS-2", fits: true });
    expect(sms.segments).toBeLessThanOrEqual(3);
    expect(sms.body).toContain("Công dân không hài lòng 12 giây tại Quầy Đất đai 1");
    expect(sms.body).toContain("phường Sài Gòn");
    expect(sms.body.endsWith(url)).toBe(true);
  });

  it("a link too long for any form is still sent whole and flagged", () => {
    const url = `http://hub.local/a/${"x".repeat(200)}`;
    const sms = formatIncidentSms({ kind: "incident", place: longest, at: AT, durationMs: 1, ackUrl: url }, unaccented);
    expect(sms.fits).toBe(false);
    expect(sms.body).toContain(url);
  });

  it("the example in docs/alerts.md is byte for byte what the formatter produces", () => {
    const doc = readFileSync(new URL("../../../docs/alerts.md", import.meta.url), "utf8");
    const example = /<!-- sms-example -->\n```text\n(.*)\n```/.exec(doc)?.[1];
    const sms = formatIncidentSms(
      { kind: "incident", place: longest, at: AT, durationMs: 75_000, ackUrl: LINK40, heldBack: 3 },
      unaccented,
    );
    expect(example).toBe(sms.body);
  });
});

describe("offline / recovered texts", () => {
  it("name the counter, the ward and the time in one segment", () => {
    const offline = formatOfflineSms(longest, AT, unaccented);
    expectOneSegmentWithWard(offline, "P.Tan Thuan");
    expect(offline.body).toContain("mat ket noi tu 09:41 02/03");
    const recovered = formatRecoveredSms(longest, AT, 21 * 60_000, unaccented);
    expectOneSegmentWithWard(recovered, "P.Tan Thuan");
    expect(recovered.body).toContain("(mat ket noi 21 phut)");
  });
});

describe("durationInWords", () => {
  it("says seconds, minutes and hours in words", () => {
    expect([0, 12_400, 59_600, 65_000, 3_720_000].map((ms) => durationInWords(ms))).toEqual([
      "0 giây",
      "12 giây",
      "1 phút",
      "1 phút 5 giây",
      "1 giờ 2 phút",
    ]);
    expect(durationInWords(65_000, true)).toBe("1 phút");
  });
});
