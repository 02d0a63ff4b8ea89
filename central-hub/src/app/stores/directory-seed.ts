import { hash } from "@node-rs/argon2";
import type { SqlClient } from "../../db/sql-client.js";
import type { SeedDirectory } from "../../demo/demo-directory.js";

/**
 * Upserts a directory (ids are stable, so a restart re-applies it idempotently). Accounts with a username
 * get `password` hashed with argon2id; existing hashes are kept so changed passwords survive restarts.
 */
export async function applyDirectorySeed(
  sql: SqlClient,
  seed: SeedDirectory,
  password: string | undefined,
  now: number,
): Promise<void> {
  const passwordHash = password === undefined ? null : await hash(password);
  await sql.transaction(async (tx) => {
    for (const w of seed.wards) {
      await tx.execute(
        `INSERT INTO wards (id, name, district, city, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, district = excluded.district, city = excluded.city,
         updated_at = excluded.updated_at`,
        [w.id, w.name, w.district, w.city, now],
      );
    }
    for (const c of seed.centres) {
      await tx.execute(
        `INSERT INTO centres (id, ward_id, name, address, opening_hours, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET ward_id = excluded.ward_id, name = excluded.name, address = excluded.address,
         updated_at = excluded.updated_at`,
        [c.id, c.wardId, c.name, c.address, "{}", now],
      );
    }
    for (const d of seed.departments) {
      await tx.execute(
        `INSERT INTO departments (id, centre_id, field, name, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, field = excluded.field, name = excluded.name,
         updated_at = excluded.updated_at`,
        [d.id, d.centreId, d.field, d.name, now],
      );
    }
    for (const c of seed.counters) {
      await tx.execute(
        `INSERT INTO counters (id, centre_id, field, name, agent_id, active, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, field = excluded.field, name = excluded.name,
         agent_id = excluded.agent_id, active = 1, updated_at = excluded.updated_at`,
        [c.id, c.centreId, c.field, c.name, c.agentId, now],
      );
    }
    for (const p of seed.people) {
      await tx.execute(
        `INSERT INTO people (id, centre_id, department_id, role, name, phone, username, password_hash, escalation_rank,
           active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (id) DO UPDATE SET centre_id = excluded.centre_id, department_id = excluded.department_id,
         role = excluded.role, name = excluded.name, phone = excluded.phone, username = excluded.username,
         password_hash = COALESCE(people.password_hash, excluded.password_hash),
         escalation_rank = excluded.escalation_rank, active = 1, updated_at = excluded.updated_at`,
        [
          p.id,
          p.centreId,
          p.departmentId,
          p.role,
          p.name,
          p.phone,
          p.username,
          p.username ? passwordHash : null,
          p.escalationRank,
          now,
        ],
      );
    }
  });
}
