import { HailongError } from "@hailong/common";
import * as repo from "../db/repos/directory-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import {
  type Centre,
  CentreSchema,
  type Counter,
  CounterSchema,
  type Department,
  DepartmentSchema,
  type Person,
  type PersonInput,
  PersonSchema,
  type Ward,
  WardSchema,
} from "./model.js";
import { isOpenAt } from "./opening-hours.js";
import { loadDirectorySeed, readDirectorySeed, type SeedResult } from "./seed-loader.js";

/** Who hears about an incident at a counter, in escalation order. */
export interface IncidentRoute {
  counter: Counter;
  centre: Centre;
  department: Department | undefined;
  /** First department head by rank (the first person an SMS goes to). */
  departmentHead: Person | undefined;
  /** First centre leader by rank. */
  centreLeader: Person | undefined;
  /** Steps in order: department heads (or supervisors when the department has no head), centre leaders, admins. */
  escalation: Array<{ step: number; role: Person["role"]; people: Person[] }>;
  /** Installers of the centre: the only recipients of test incidents. */
  installers: Person[];
  /** Whether the centre is open at the time passed to routeIncident (quiet hours otherwise). */
  open: boolean;
}

export interface DirectorySnapshot {
  wards: Ward[];
  centres: Centre[];
  departments: Department[];
  counters: Counter[];
  people: Person[];
}

export interface DirectoryService {
  snapshot(): Promise<DirectorySnapshot>;
  getCounter(id: string): Promise<Counter | undefined>;
  getCentre(id: string): Promise<Centre | undefined>;
  saveWard(ward: Ward): Promise<void>;
  saveCentre(centre: Centre): Promise<void>;
  saveDepartment(department: Department): Promise<void>;
  deleteDepartment(id: string): Promise<boolean>;
  saveCounter(counter: Counter): Promise<void>;
  deactivateCounter(id: string): Promise<boolean>;
  /** A person without `passwordHash` keeps the stored hash. */
  savePerson(person: PersonInput): Promise<void>;
  deactivatePerson(id: string): Promise<boolean>;
  setPasswordHash(personId: string, hash: string): Promise<boolean>;
  findCredentials(by: { username: string } | { id: string }): ReturnType<typeof repo.findPersonCredentials>;
  routeIncident(counterId: string, at?: number): Promise<IncidentRoute | undefined>;
  loadSeedFile(file: string): Promise<SeedResult>;
}

export function createDirectoryService(deps: { sql: SqlClient; now?: () => number }): DirectoryService {
  const { sql } = deps;
  const now = deps.now ?? Date.now;
  const requireRef = async (ok: Promise<unknown>, what: string): Promise<void> => {
    if ((await ok) === undefined) throw new HailongError("HAILONG_ERR_USAGE", `unknown ${what}`);
  };
  return {
    snapshot: async () => ({
      wards: await repo.listWards(sql),
      centres: await repo.listCentres(sql),
      departments: await repo.listDepartments(sql),
      counters: await repo.listCounters(sql),
      people: await repo.listPeople(sql),
    }),
    getCounter: (id) => repo.getCounter(sql, id),
    getCentre: (id) => repo.getCentre(sql, id),
    saveWard: async (ward) => void (await repo.upsertWard(sql, WardSchema.parse(ward), now())),
    saveCentre: async (centre) => void (await repo.upsertCentre(sql, CentreSchema.parse(centre), now())),
    saveDepartment: async (department) => {
      const d = DepartmentSchema.parse(department);
      await requireRef(repo.getCentre(sql, d.centreId), `centre "${d.centreId}"`);
      await repo.upsertDepartment(sql, d, now());
    },
    deleteDepartment: (id) => repo.deleteDepartment(sql, id),
    saveCounter: async (counter) => {
      const c = CounterSchema.parse(counter);
      await requireRef(repo.getDepartmentFor(sql, c.centreId, c.field), `field "${c.field}" at centre "${c.centreId}"`);
      await repo.upsertCounter(sql, c, now());
    },
    deactivateCounter: (id) => repo.deactivate(sql, "counters", id, now()),
    savePerson: async (person) => {
      const p = PersonSchema.parse(person);
      if (p.centreId !== undefined) await requireRef(repo.getCentre(sql, p.centreId), `centre "${p.centreId}"`);
      await repo.upsertPerson(sql, p, now());
    },
    deactivatePerson: (id) => repo.deactivate(sql, "people", id, now()),
    setPasswordHash: (personId, hash) => repo.setPasswordHash(sql, personId, hash, now()),
    findCredentials: (by) => repo.findPersonCredentials(sql, by),
    routeIncident: (counterId, at = now()) => routeIncident(sql, counterId, at),
    loadSeedFile: (file) => loadDirectorySeed(sql, readDirectorySeed(file), now()),
  };
}

async function routeIncident(sql: SqlClient, counterId: string, at: number): Promise<IncidentRoute | undefined> {
  const counter = await repo.getCounter(sql, counterId);
  if (counter === undefined) return undefined;
  const centre = await repo.getCentre(sql, counter.centreId);
  if (centre === undefined) return undefined;
  const department = await repo.getDepartmentFor(sql, centre.id, counter.field);
  const people = await repo.peopleWithRoles(sql, centre.id, [
    "department_head",
    "supervisor",
    "centre_leader",
    "admin",
    "installer",
  ]);
  const reachable = people.filter((p) => p.phone !== undefined);
  const heads = reachable.filter((p) => p.role === "department_head" && p.departmentId === department?.id);
  const supervisors = reachable.filter(
    (p) => p.role === "supervisor" && (p.departmentId === undefined || p.departmentId === department?.id),
  );
  const leaders = reachable.filter((p) => p.role === "centre_leader" && p.centreId === centre.id);
  const admins = reachable.filter((p) => p.role === "admin");
  const first: IncidentRoute["escalation"][number] =
    heads.length > 0
      ? { step: 0, role: "department_head", people: heads }
      : { step: 0, role: "supervisor", people: supervisors };
  const steps = [
    first,
    { step: 1, role: "centre_leader" as const, people: leaders },
    { step: 2, role: "admin" as const, people: admins },
  ]
    .filter((s) => s.people.length > 0)
    .map((s, i) => ({ ...s, step: i }));
  return {
    counter,
    centre,
    department,
    departmentHead: heads[0],
    centreLeader: leaders[0],
    escalation: steps,
    installers: reachable.filter((p) => p.role === "installer" && p.centreId === centre.id),
    open: isOpenAt(centre.openingHours, at),
  };
}
