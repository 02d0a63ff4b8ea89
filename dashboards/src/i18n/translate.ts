import { MESSAGES, type MessageKey } from "./messages.js";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "vi";

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Returns t(key, params): the message in `lang` with `{name}` placeholders filled in. */
export function createTranslator(lang: Language): Translate {
  const table = MESSAGES[lang];
  return (key, params) => {
    const template = table[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}

/** Locale for number and date formatting. */
export function localeOf(lang: Language): string {
  return lang === "vi" ? "vi-VN" : "en-GB";
}
