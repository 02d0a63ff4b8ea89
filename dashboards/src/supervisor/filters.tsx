import type { DirectoryResponse } from "@hailong/protocol";
import { useApp } from "../app-context.js";
import { DateField } from "../ui/date-field.js";
import { fieldNamer } from "../ui/field-names.js";
import { ONE_DAY_MS } from "../ui/format.js";

export interface SupervisorFilters {
  centreId: string;
  field: string;
  counterId: string;
  /** inclusive start, exclusive end (epoch ms, local midnights) */
  from: number;
  to: number;
}

export function FilterBar(props: {
  directory: DirectoryResponse;
  value: SupervisorFilters;
  onChange: (next: SupervisorFilters) => void;
}) {
  const { t } = useApp();
  const { directory, value, onChange } = props;
  const set = (patch: Partial<SupervisorFilters>) => onChange({ ...value, ...patch });
  const fieldName = fieldNamer(directory, t("filters.otherField"));
  const counters = directory.counters.filter(
    (c) => (!value.centreId || c.centreId === value.centreId) && (!value.field || c.field === value.field),
  );
  return (
    <section class="card filters" aria-labelledby="filters-title">
      <h2 id="filters-title" class="sr-only">
        {t("filters.title")}
      </h2>
      <label>
        {t("filters.centre")}
        <select value={value.centreId} onChange={(e) => set({ centreId: e.currentTarget.value, counterId: "" })}>
          <option value="">{t("filters.all")}</option>
          {directory.centres.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("filters.field")}
        <select value={value.field} onChange={(e) => set({ field: e.currentTarget.value, counterId: "" })}>
          <option value="">{t("filters.all")}</option>
          {directory.fields.map((f) => (
            <option key={f} value={f}>
              {fieldName(f)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("filters.counter")}
        <select value={value.counterId} onChange={(e) => set({ counterId: e.currentTarget.value })}>
          <option value="">{t("filters.all")}</option>
          {counters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <DateField label={t("filters.from")} value={value.from} onChange={(from) => set({ from })} />
      <DateField
        label={t("filters.to")}
        value={value.to - ONE_DAY_MS}
        onChange={(lastDay) => set({ to: lastDay + ONE_DAY_MS })}
      />
    </section>
  );
}
