import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages.js";
import { createTranslator, isLanguage } from "./translate.js";

describe("i18n", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    const t = createTranslator("vi");
    expect(t("tile.offlineSince", { time: "08:00" })).toBe("Mất kết nối từ 08:00");
    expect(createTranslator("en")("tile.offlineSince")).toBe("Offline since {time}");
  });

  it("has a non-empty English text for every Vietnamese key, with the same placeholders", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, vi] of Object.entries(MESSAGES.vi)) {
      const en = MESSAGES.en[key as keyof typeof MESSAGES.en];
      expect(en.trim().length, key).toBeGreaterThan(0);
      expect(placeholders(en), key).toEqual(placeholders(vi));
    }
  });

  it("shows the empty state the issue asks for in both languages", () => {
    expect(createTranslator("vi")("empty.noAgent")).toMatch(/^Chưa có thiết bị nào kết nối — xem hướng dẫn lắp đặt/);
    expect(createTranslator("en")("empty.noAgent")).toMatch(/^No agent connected yet — see the installation guide/);
    expect(isLanguage("en")).toBe(true);
    expect(isLanguage("fr")).toBe(false);
  });
});
