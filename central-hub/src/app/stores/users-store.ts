import type { Role } from "@hailong/protocol";
import type { SqlClient } from "../../db/sql-client.js";
import type { AuthUser, UserStore } from "../../http/ports.js";

interface PersonRow {
  id: string;
  username: string | null;
  password_hash: string | null;
  name: string;
  role: string;
  centre_id: string | null;
  department_id: string | null;
  phone: string | null;
  active: number;
}

/** Directory roles (people.role) as API roles; people with other roles cannot sign in. */
const ROLE_MAP: Record<string, Role> = {
  admin: "admin",
  installer: "installer",
  supervisor: "supervisor",
  leader: "centre_leader",
  centre_leader: "centre_leader",
  department_head: "department_head",
  head: "department_head",
};

export function apiRoleOf(directoryRole: string): Role | undefined {
  return ROLE_MAP[directoryRole];
}

function toUser(row: PersonRow | undefined): AuthUser | undefined {
  if (!row?.username || !row.password_hash || row.active !== 1) return undefined;
  const role = apiRoleOf(row.role);
  if (!role) return undefined;
  return {
    personId: row.id,
    username: row.username,
    displayName: row.name,
    role,
    centreId: role === "admin" || role === "installer" ? null : row.centre_id,
    departmentId: row.department_id,
    passwordHash: row.password_hash,
    phone: row.phone,
  };
}

const COLUMNS = "id, username, password_hash, name, role, centre_id, department_id, phone, active";

/** Sign-in accounts are people of the directory with a username and an argon2 password hash. */
export function createUserStore(sql: SqlClient): UserStore {
  return {
    async findByUsername(username) {
      const [row] = await sql.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE username = ?`, [username]);
      return toUser(row);
    },
    async findById(personId) {
      const [row] = await sql.query<PersonRow>(`SELECT ${COLUMNS} FROM people WHERE id = ?`, [personId]);
      return toUser(row);
    },
  };
}
