import type { CounterDto, Role } from "@hailong/protocol";
import type { DirectorySnapshot } from "./ports.js";

/** Pure access rules: who sees which centre and who may calibrate. */
export interface Viewer {
  role: Role;
  centreId: string | null;
}

const ALL_CENTRE_ROLES: readonly Role[] = ["admin", "installer"];
export const CALIBRATION_ROLES: readonly Role[] = ["installer", "admin"];
/** The only role that may ask for an un-pixelated calibration snapshot; each such view is audited. */
export const FACE_VIEW_ROLES: readonly Role[] = ["admin"];
/** Roles that may acknowledge at all; which incidents each may acknowledge: `mayAcknowledge` (protocol). */
export const ACK_ROLES: readonly Role[] = ["centre_leader", "department_head", "admin"];

export function seesAllCentres(viewer: Viewer): boolean {
  return ALL_CENTRE_ROLES.includes(viewer.role) || viewer.centreId === null;
}

export function canSeeCentre(viewer: Viewer, centreId: string): boolean {
  return seesAllCentres(viewer) || viewer.centreId === centreId;
}

/** The directory restricted to what the viewer may see. */
export function scopeDirectory(viewer: Viewer, directory: DirectorySnapshot): DirectorySnapshot {
  if (seesAllCentres(viewer)) return directory;
  const centreId = viewer.centreId;
  return {
    centres: directory.centres.filter((c) => c.id === centreId),
    departments: directory.departments.filter((d) => d.centreId === centreId),
    counters: directory.counters.filter((c) => c.centreId === centreId),
    people: directory.people.filter((p) => p.centreId === centreId),
  };
}

export type ScopeTarget = { scope: "counter" | "department" | "centre"; id: string };

/** Counters behind a trend/heatmap target, or undefined when it does not exist in the viewer's directory. */
export function countersFor(directory: DirectorySnapshot, target: ScopeTarget): CounterDto[] | undefined {
  if (target.scope === "counter") {
    const counter = directory.counters.find((c) => c.id === target.id);
    return counter ? [counter] : undefined;
  }
  if (target.scope === "department") {
    if (!directory.departments.some((d) => d.id === target.id)) return undefined;
    return directory.counters.filter((c) => c.departmentId === target.id);
  }
  if (!directory.centres.some((c) => c.id === target.id)) return undefined;
  return directory.counters.filter((c) => c.centreId === target.id);
}

/** Distinct counter fields, sorted. */
export function fieldsOf(counters: CounterDto[]): string[] {
  return [...new Set(counters.map((c) => c.field))].sort();
}
