import { listCentres, listCounters, listDepartments, listPeople, listWards } from "../../db/repos/directory-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { DirectoryReader, DirectorySnapshot } from "../../http/ports.js";

/** Masks all but the country code start and the last three digits: +8490****567. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  if (phone.length <= 7) return "****";
  return `${phone.slice(0, 5)}****${phone.slice(-3)}`;
}

/** Reads the directory tables; cached for `ttlMs` because every API call scopes through it. */
export function createDirectoryReader(
  sql: SqlClient,
  ttlMs = 2_000,
  now: () => number = Date.now,
): DirectoryReader & {
  invalidate(): void;
} {
  let cached: { at: number; value: Promise<DirectorySnapshot> } | undefined;

  async function load(): Promise<DirectorySnapshot> {
    const [wards, centres, departments, allCounters, allPeople] = await Promise.all([
      listWards(sql),
      listCentres(sql),
      listDepartments(sql),
      listCounters(sql),
      listPeople(sql),
    ]);
    const districtOf = new Map(wards.map((w) => [w.id, w.district]));
    const counters = allCounters.filter((c) => c.active);
    const people = allPeople.filter((p) => p.active);
    const departmentOf = (centreId: string, field: string) =>
      departments.find((d) => d.centreId === centreId && d.field === field)?.id ?? null;
    return {
      centres: centres.map((c) => ({
        id: c.id,
        name: c.name,
        district: (c.wardId === undefined ? undefined : districtOf.get(c.wardId)) ?? null,
      })),
      departments: departments.map((d) => ({ id: d.id, centreId: d.centreId, name: d.name })),
      counters: counters.map((c) => ({
        id: c.id,
        centreId: c.centreId,
        departmentId: departmentOf(c.centreId, c.field),
        name: c.name,
        field: c.field,
        agentId: c.agentId ?? null,
      })),
      people: people.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        centreId: p.centreId ?? null,
        departmentId: p.departmentId ?? null,
        phoneMasked: maskPhone(p.phone ?? null),
      })),
    };
  }

  return {
    snapshot() {
      const at = now();
      if (!cached || at - cached.at > ttlMs) {
        const value = load();
        cached = { at, value };
        value.catch(() => {
          cached = undefined;
        });
      }
      return cached.value;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
