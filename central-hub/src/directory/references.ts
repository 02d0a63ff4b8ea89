import { ConfigError } from "@hailong/common";
import type { DirectorySeed } from "./model.js";

/** Cross-references the database does not enforce (no foreign keys): checked when a seed is read. */
export function checkReferences(seed: DirectorySeed, source: string): void {
  const wards = new Set(seed.wards.map((w) => w.id));
  const centres = new Set(seed.centres.map((c) => c.id));
  const departments = new Map(seed.departments.map((d) => [d.id, d]));
  const fail = (path: string, what: string) => {
    throw new ConfigError(source, path, what);
  };
  seed.centres.forEach((c, i) => {
    if (c.wardId !== undefined && !wards.has(c.wardId)) fail(`centres.${i}.wardId`, `unknown ward "${c.wardId}"`);
  });
  seed.departments.forEach((d, i) => {
    if (!centres.has(d.centreId)) fail(`departments.${i}.centreId`, `unknown centre "${d.centreId}"`);
  });
  seed.counters.forEach((c, i) => {
    if (!centres.has(c.centreId)) fail(`counters.${i}.centreId`, `unknown centre "${c.centreId}"`);
    if (!seed.departments.some((d) => d.centreId === c.centreId && d.field === c.field)) {
      fail(`counters.${i}.field`, `no department of centre "${c.centreId}" handles field "${c.field}"`);
    }
  });
  seed.people.forEach((p, i) => {
    if (p.centreId !== undefined && !centres.has(p.centreId))
      fail(`people.${i}.centreId`, `unknown centre "${p.centreId}"`);
    if (p.departmentId !== undefined) {
      const d = departments.get(p.departmentId);
      if (d === undefined) fail(`people.${i}.departmentId`, `unknown department "${p.departmentId}"`);
      else if (p.centreId !== undefined && d.centreId !== p.centreId) {
        fail(`people.${i}.departmentId`, `department "${p.departmentId}" belongs to another centre`);
      }
    }
    if (p.role === "department_head" && p.departmentId === undefined) {
      fail(`people.${i}.departmentId`, "a department_head needs a departmentId");
    }
    if (p.role !== "admin" && p.centreId === undefined) fail(`people.${i}.centreId`, `a ${p.role} needs a centreId`);
  });
  const officials = new Map(seed.officials.map((o) => [o.id, o]));
  const counterCentre = new Map(seed.counters.map((c) => [c.id, c.centreId]));
  const people = new Map(seed.people.map((p) => [p.id, p]));
  seed.officials.forEach((o, i) => {
    if (!centres.has(o.centreId)) fail(`officials.${i}.centreId`, `unknown centre "${o.centreId}"`);
    if (o.personId === undefined) return;
    const person = people.get(o.personId);
    if (person === undefined) fail(`officials.${i}.personId`, `unknown person "${o.personId}"`);
    else if (person.centreId !== o.centreId)
      fail(`officials.${i}.personId`, `person "${o.personId}" belongs to another centre than the official`);
  });
  seed.roster.forEach((s, i) => {
    const official = officials.get(s.officialId);
    if (official === undefined) fail(`roster.${i}.officialId`, `unknown official "${s.officialId}"`);
    const centre = counterCentre.get(s.counterId);
    if (centre === undefined) fail(`roster.${i}.counterId`, `unknown counter "${s.counterId}"`);
    else if (official !== undefined && official.centreId !== centre)
      fail(`roster.${i}.counterId`, `counter "${s.counterId}" belongs to another centre than the official`);
    if (s.start >= s.end) fail(`roster.${i}.end`, "a shift ends after it starts");
  });
}
