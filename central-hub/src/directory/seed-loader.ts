import { readFileSync } from "node:fs";
import { validateConfig } from "@hailong/common";
import { parse as parseYaml } from "yaml";
import { upsertCentre, upsertCounter, upsertDepartment, upsertPerson, upsertWard } from "../db/repos/directory-repo.js";
import { upsertOfficial, upsertRosterShift } from "../db/repos/roster-repo.js";
import type { SqlClient } from "../db/sql-client.js";
import { type DirectorySeed, DirectorySeedSchema } from "./model.js";
import { checkReferences } from "./references.js";

export interface SeedResult {
  /** Rows inserted or changed; 0 when the same seed is loaded again. */
  changed: number;
  total: number;
}

/** Reads and validates a directory YAML file; errors name the file and the key path. */
export function readDirectorySeed(file: string): DirectorySeed {
  const seed = validateConfig(DirectorySeedSchema, parseYaml(readFileSync(file, "utf8")) ?? {}, file);
  checkReferences(seed, file);
  return seed;
}

/** Upserts every entry in one transaction; idempotent. */
export async function loadDirectorySeed(sql: SqlClient, seed: DirectorySeed, at: number): Promise<SeedResult> {
  return sql.transaction(async (tx) => {
    let changed = 0;
    const count = (b: boolean) => {
      if (b) changed++;
    };
    for (const w of seed.wards) count(await upsertWard(tx, w, at));
    for (const c of seed.centres) count(await upsertCentre(tx, c, at));
    for (const d of seed.departments) count(await upsertDepartment(tx, d, at));
    for (const c of seed.counters) count(await upsertCounter(tx, c, at));
    for (const p of seed.people) count(await upsertPerson(tx, p, at));
    for (const o of seed.officials) count(await upsertOfficial(tx, o, at));
    for (const s of seed.roster) count(await upsertRosterShift(tx, s, at));
    const total = [seed.wards, seed.centres, seed.departments, seed.counters, seed.people, seed.officials, seed.roster]
      .map((list) => list.length)
      .reduce((a, b) => a + b, 0);
    return { changed, total };
  });
}
