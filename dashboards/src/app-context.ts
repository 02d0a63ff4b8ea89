import type { SessionInfo } from "@hailong/protocol";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { HubApi } from "./api/hub-api.js";
import type { Language, Translate } from "./i18n/translate.js";

export interface AppServices {
  api: HubApi;
  t: Translate;
  lang: Language;
  locale: string;
  session: SessionInfo | null;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error("useApp outside <AppContext.Provider>");
  return services;
}
