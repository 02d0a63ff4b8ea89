import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";
import { LANGUAGES, type Language } from "../i18n/translate.js";
import type { Route } from "./route.js";

const PAGE_KEYS: Record<Route, MessageKey> = {
  login: "nav.login",
  supervisor: "nav.supervisor",
  installer: "nav.installer",
  roster: "nav.roster",
  mine: "nav.mine",
  guide: "nav.guide",
  "notice-sign": "nav.noticeSign",
};

export function Header(props: {
  route: Route | undefined;
  pages: Route[];
  onLanguage: (lang: Language) => void;
  onLogout: () => void;
}) {
  const { t, lang, session } = useApp();
  return (
    <header class="app-header">
      <div class="brand">{t("app.title")}</div>
      {props.pages.length > 0 && (
        <nav aria-label={t("nav.label")}>
          {props.pages.map((p) => (
            <a key={p} href={`#/${p}`} aria-current={props.route === p ? "page" : undefined}>
              {t(PAGE_KEYS[p])}
            </a>
          ))}
        </nav>
      )}
      <div class="header-tools">
        <fieldset class="lang-switch">
          <legend class="sr-only">{t("lang.label")}</legend>
          {LANGUAGES.map((l) => (
            <button key={l} type="button" aria-pressed={lang === l} onClick={() => props.onLanguage(l)} lang={l}>
              {l === "vi" ? "Tiếng Việt" : "English"}
            </button>
          ))}
        </fieldset>
        {session && (
          <>
            <span class="user" title={t(`role.${session.user.role}` as MessageKey)}>
              {session.user.displayName} · {t(`role.${session.user.role}` as MessageKey)}
            </span>
            <button type="button" class="secondary" onClick={props.onLogout}>
              {t("auth.logout")}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
