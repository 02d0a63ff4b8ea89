import type { SessionInfo } from "@hailong/protocol";
import { useState } from "preact/hooks";
import type { ApiRequestError } from "./api/http.js";
import { useApp } from "./app-context.js";
import { ErrorBox } from "./ui/status.js";
import { asApiError } from "./ui/use-async.js";

export function LoginPage({ onLogin }: { onLogin: (session: SessionInfo) => void }) {
  const { api, t } = useApp();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await api.login({ username: username.trim(), password }));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="login card" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth.title")}</h1>
      <p class="muted">{t("auth.intro")}</p>
      <form onSubmit={submit}>
        <label for="login-username">{t("auth.username")}</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="login-password">{t("auth.password")}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && <ErrorBox error={error} title={t("auth.failed")} />}
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("auth.submit")}
        </button>
      </form>
    </section>
  );
}
