import type { SessionInfo } from "@hailong/protocol";
import { useEffect, useMemo, useState } from "preact/hooks";
import { createHttpClient } from "./api/http.js";
import { createHubApi } from "./api/hub-api.js";
import { AppContext, type AppServices } from "./app-context.js";
import { GuidePage } from "./guide-page.js";
import { createTranslator, DEFAULT_LANGUAGE, isLanguage, type Language, localeOf } from "./i18n/translate.js";
import { InstallerPage } from "./installer/installer-page.js";
import { LoginPage } from "./login-page.js";
import { MyResultsPage } from "./mine/my-results-page.js";
import { NoticeSignPage } from "./notice-sign-page.js";
import { RosterPage } from "./roster/roster-page.js";
import { SupervisorPage } from "./supervisor/supervisor-page.js";
import { Header } from "./ui/header.js";
import { homeFor, pagesFor } from "./ui/roles.js";
import { isPublicRoute, navigate, useRoute } from "./ui/route.js";
import { Loading } from "./ui/status.js";

const LANG_KEY = "hailong.lang";

function initialLanguage(): Language {
  const stored = window.localStorage.getItem(LANG_KEY);
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

export function App() {
  const [lang, setLang] = useState<Language>(initialLanguage);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [checked, setChecked] = useState(false);
  const route = useRoute();

  const http = useMemo(() => createHttpClient({ onUnauthorized: () => setSession(null) }), []);
  const api = useMemo(() => createHubApi(http), [http]);
  const services: AppServices = useMemo(
    () => ({ api, t: createTranslator(lang), lang, locale: localeOf(lang), session }),
    [api, lang, session],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = services.t("app.title");
    window.localStorage.setItem(LANG_KEY, lang);
  }, [lang, services]);

  useEffect(() => {
    http.setCsrfToken(session?.csrfToken);
  }, [http, session]);

  // An existing session cookie logs the user straight in.
  useEffect(() => {
    api.me().then(
      (info) => {
        setSession(info);
        setChecked(true);
      },
      () => setChecked(true),
    );
  }, [api]);

  const allowed = session ? pagesFor(session.user.role) : [];
  useEffect(() => {
    if (!checked) return;
    if (!session && route !== "login" && !isPublicRoute(route)) navigate("login");
    else if (
      session &&
      (route === undefined || route === "login" || !(allowed.includes(route) || isPublicRoute(route)))
    ) {
      navigate(homeFor(session.user.role));
    }
  }, [checked, session, route, allowed]);

  const onLogout = async () => {
    try {
      await api.logout();
    } finally {
      setSession(null);
      navigate("login");
    }
  };

  let page = <Loading />;
  if (checked) {
    if (route === "guide") page = <GuidePage />;
    else if (route === "notice-sign") page = <NoticeSignPage />;
    else if (!session) page = <LoginPage onLogin={(info) => setSession(info)} />;
    else if (route === "installer" && allowed.includes("installer")) page = <InstallerPage />;
    else if (route === "supervisor" && allowed.includes("supervisor")) page = <SupervisorPage />;
    else if (route === "roster" && allowed.includes("roster")) page = <RosterPage />;
    else if (route === "mine" && allowed.includes("mine")) page = <MyResultsPage />;
  }

  return (
    <AppContext.Provider value={services}>
      <a class="skip-link" href="#main">
        {services.t("app.skip")}
      </a>
      <Header route={route} pages={session ? allowed : ["login", "guide"]} onLanguage={setLang} onLogout={onLogout} />
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </AppContext.Provider>
  );
}
