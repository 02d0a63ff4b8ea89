import type { Role } from "@hailong/protocol";
import { findPersonCredentials } from "../../db/repos/directory-repo.js";
import type { SqlClient } from "../../db/sql-client.js";
import type { Person } from "../../directory/model.js";
import type { AuthUser, UserStore } from "../../http/ports.js";

/** Directory roles (people.role) as API roles; people with other roles cannot sign in. */
const ROLE_MAP: Record<string, Role> = {
  admin: "admin",
  installer: "installer",
  supervisor: "supervisor",
  leader: "centre_leader",
  centre_leader: "centre_leader",
  department_head: "department_head",
  head: "department_head",
  official: "official",
};

export function apiRoleOf(directoryRole: string): Role | undefined {
  return ROLE_MAP[directoryRole];
}

function toUser(found: { person: Person; passwordHash: string | null } | undefined): AuthUser | undefined {
  if (!found) return undefined;
  const { person, passwordHash } = found;
  if (!person.username || !passwordHash || !person.active) return undefined;
  const role = apiRoleOf(person.role);
  if (!role) return undefined;
  return {
    personId: person.id,
    username: person.username,
    displayName: person.name,
    role,
    centreId: role === "admin" || role === "installer" ? null : (person.centreId ?? null),
    departmentId: person.departmentId ?? null,
    passwordHash,
    phone: person.phone ?? null,
  };
}

/** Sign-in accounts are people of the directory with a username and an argon2 password hash. */
export function createUserStore(sql: SqlClient): UserStore {
  return {
    findByUsername: async (username) => toUser(await findPersonCredentials(sql, { username })),
    findById: async (personId) => toUser(await findPersonCredentials(sql, { id: personId })),
  };
}
