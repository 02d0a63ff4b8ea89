import { API_ERROR_CODES } from "@hailong/protocol";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";

// The API's error codes plus the two the client itself raises.
const KNOWN_CODES = new Set<string>([...API_ERROR_CODES, "network", "bad_response"]);

/** An error as a sentence the user can act on, followed by the hub's own message verbatim. */
export function ErrorBox({ error, title }: { error: ApiRequestError; title?: string }) {
  const { t, lang } = useApp();
  const explain = KNOWN_CODES.has(error.code) ? t(`error.${error.code}` as MessageKey) : t("error.unknown");
  return (
    <div class="error-box" role="alert">
      {title && <strong>{title}: </strong>}
      <span>{explain}</span>
      {/* The code and the hub's own words help support, in English; a Vietnamese reader gets the sentence only. */}
      {lang === "en" && (
        <small class="error-detail">
          {" "}
          ({error.code}
          {error.message ? `: ${error.message}` : ""})
        </small>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p class="muted" aria-busy="true">
      {t("common.loading")}
    </p>
  );
}

export function EmptyState({ message, link }: { message: string; link?: { href: string; label: string } }) {
  return (
    <div class="empty-state">
      <p>{message}</p>
      {link && <a href={link.href}>{link.label}</a>}
    </div>
  );
}
