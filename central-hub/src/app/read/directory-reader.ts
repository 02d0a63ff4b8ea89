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
    const [centres, departments, counters, people] = await Promise.all([
      sql.query<{ id: string; name: string; district: string | null }>(
        "SELECT c.id, c.name, w.district FROM centres c LEFT JOIN wards w ON w.id = c.ward_id ORDER BY c.id",
      ),
      sql.query<{ id: string; centre_id: string; field: string; name: string }>(
        "SELECT id, centre_id, field, name FROM departments ORDER BY id",
      ),
      sql.query<{ id: string; centre_id: string; field: string; name: string; agent_id: string | null }>(
        "SELECT id, centre_id, field, name, agent_id FROM counters WHERE active = 1 ORDER BY id",
      ),
      sql.query<{
        id: string;
        name: string;
        role: string;
        centre_id: string | null;
        department_id: string | null;
        phone: string | null;
      }>("SELECT id, name, role, centre_id, department_id, phone FROM people WHERE active = 1 ORDER BY id"),
    ]);
    const departmentOf = (centreId: string, field: string) =>
      departments.find((d) => d.centre_id === centreId && d.field === field)?.id ?? null;
    return {
      centres: centres.map((c) => ({ id: c.id, name: c.name, district: c.district ?? null })),
      departments: departments.map((d) => ({ id: d.id, centreId: d.centre_id, name: d.name })),
      counters: counters.map((c) => ({
        id: c.id,
        centreId: c.centre_id,
        departmentId: departmentOf(c.centre_id, c.field),
        name: c.name,
        field: c.field,
        agentId: c.agent_id,
      })),
      people: people.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        centreId: p.centre_id,
        departmentId: p.department_id,
        phoneMasked: maskPhone(p.phone),
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
