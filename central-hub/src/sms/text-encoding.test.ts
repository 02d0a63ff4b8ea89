import { describe, expect, it } from "vitest";
import { countSegments, isGsm7, stripVietnameseAccents, toGsm7 } from "./text-encoding.js";

describe("stripVietnameseAccents", () => {
  it("folds every Vietnamese diacritic including đ/Đ and the horn", () => {
    expect(stripVietnameseAccents("Đường Lê Lợi, Phường Sài Gòn, Hộ tịch, ưởng ỹ")).toBe(
      "Duong Le Loi, Phuong Sai Gon, Ho tich, uong y",
    );
  });
});

describe("isGsm7 / toGsm7", () => {
  it("unaccented Vietnamese is GSM-7, accented is not", () => {
    expect(isGsm7("Cong dan khong hai long")).toBe(true);
    expect(isGsm7("Công dân")).toBe(false);
    expect(isGsm7(toGsm7("Công dân “không” hài lòng 😠"))).toBe(true);
    expect(toGsm7("Công dân 😠")).toBe("Cong dan ?");
  });
});

describe("countSegments", () => {
  it("160 GSM-7 characters fit one segment, 161 need two of 153", () => {
    expect(countSegments("a".repeat(160))).toMatchObject({ encoding: "GSM-7", segments: 1, remaining: 0 });
    expect(countSegments("a".repeat(161))).toMatchObject({ segments: 2, units: 161 });
    expect(countSegments("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(countSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });
  it("extension characters cost two septets", () => {
    expect(countSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments(`${"€".repeat(80)}a`)).toMatchObject({ segments: 2 });
    // 152 plain + one extension pair cannot straddle the 153 boundary
    expect(countSegments(`${"a".repeat(152)}[${"a".repeat(10)}`)).toMatchObject({ units: 164, segments: 2 });
  });
  it("UCS-2 is 70 per segment, 67 when split", () => {
    expect(countSegments("ô".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(countSegments("ô".repeat(71))).toMatchObject({ segments: 2 });
    expect(countSegments("ô".repeat(134))).toMatchObject({ segments: 2 });
    expect(countSegments("ô".repeat(135))).toMatchObject({ segments: 3 });
  });
  it("an emoji is two UTF-16 units and is never split", () => {
    expect(countSegments("😠".repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(countSegments(`${"a".repeat(66)}😠`)).toMatchObject({ units: 68, segments: 1 });
    expect(countSegments(`${"a".repeat(69)}😠`)).toMatchObject({ units: 71, segments: 2 });
  });
});
