import { type DirectoryResponse, ROSTER_CSV_COLUMNS, type RosterResponse } from "@hailong/protocol";
import { useState } from "preact/hooks";
import type { ApiRequestError } from "../api/http.js";
import { useApp } from "../app-context.js";
import type { MessageKey } from "../i18n/messages.js";
import { ErrorBox, Loading } from "../ui/status.js";
import { useAsync } from "../ui/use-async.js";

function RosterTable({ roster, directory }: { roster: RosterResponse; directory: DirectoryResponse }) {
  const { t } = useApp();
  const official = new Map(roster.officials.map((o) => [o.id, o.name]));
  const counter = new Map(directory.counters.map((c) => [c.id, c.name]));
  const date = (iso: string) => iso.split("-").reverse().join("/");
  if (roster.shifts.length === 0) return <p class="muted">{t("roster.none")}</p>;
  return (
    <div class="table-scroll">
      <table class="data roster" data-testid="roster-table">
        <thead>
          <tr>
            <th scope="col">{t("roster.official")}</th>
            <th scope="col">{t("roster.counter")}</th>
            <th scope="col">{t("roster.days")}</th>
            <th scope="col">{t("roster.hours")}</th>
            <th scope="col">{t("roster.valid")}</th>
          </tr>
        </thead>
        <tbody>
          {roster.shifts.map((s) => (
            <tr key={s.id}>
              <th scope="row">{official.get(s.officialId) ?? "—"}</th>
              <td>{counter.get(s.counterId) ?? "—"}</td>
              <td>{s.days.map((d) => t(`day.${d}` as MessageKey)).join(" ")}</td>
              <td>
                {s.start}–{s.end}
              </td>
              <td>
                {s.validFrom || s.validTo
                  ? `${s.validFrom ? date(s.validFrom) : "…"} – ${s.validTo ? date(s.validTo) : "…"}`
                  : t("roster.always")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The officials' roster of a centre, and its CSV import (admins and centre leaders). */
export function RosterPage() {
  const { api, t } = useApp();
  const directory = useAsync(() => api.directory(), []);
  const [chosen, setChosen] = useState("");
  const centreId = chosen || directory.data?.centres[0]?.id || "";
  const [version, setVersion] = useState(0);
  const roster = useAsync(async () => (centreId ? api.roster(centreId) : undefined), [centreId, version]);
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<string | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  if (directory.error) return <ErrorBox error={directory.error} />;
  if (!directory.data) return <Loading />;
  const upload = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setResult(undefined);
    setError(undefined);
    try {
      const done = await api.importRoster(centreId, await file.text());
      setResult(t("roster.imported", done));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e as ApiRequestError);
    }
  };
  return (
    <div class="page roster">
      <h1>{t("roster.title")}</h1>
      {directory.data.centres.length > 1 && (
        <label>
          {t("filters.centre")}
          <select value={centreId} onChange={(e) => setChosen(e.currentTarget.value)}>
            {directory.data.centres.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <section class="card">
        {roster.error && <ErrorBox error={roster.error} />}
        {roster.data ? <RosterTable roster={roster.data} directory={directory.data} /> : <Loading />}
      </section>
      <section class="card" aria-labelledby="roster-import-title">
        <h2 id="roster-import-title">{t("roster.import")}</h2>
        <p class="muted">{t("roster.importHint", { columns: ROSTER_CSV_COLUMNS.join(",") })}</p>
        <form onSubmit={upload} class="controls">
          <label>
            {t("roster.file")}
            <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
          </label>
          <button type="submit" disabled={!file}>
            {t("roster.upload")}
          </button>
        </form>
        {result && <p role="status">{result}</p>}
        {error &&
          (error.code === "bad_request" ? (
            <div class="error-box" role="alert">
              <strong>{t("roster.badFile")}</strong>
              <pre class="import-errors">{error.message}</pre>
            </div>
          ) : (
            <ErrorBox error={error} />
          ))}
      </section>
    </div>
  );
}
