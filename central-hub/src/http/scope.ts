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

/**
 * Officials (cán bộ) see no centre's data at all, only their own row of the per-official figures
 * (GET /api/officials/ranking); every other route refuses them, whatever their centreId.
 */
const OWN_FIGURES_ONLY_ROLES: readonly Role[] = ["official"];

export function seesOwnFiguresOnly(viewer: Pick<Viewer, "role">): boolean {
  return OWN_FIGURES_ONLY_ROLES.includes(viewer.role);
}

export function seesAllCentres(viewer: Viewer): boolean {
  if (seesOwnFiguresOnly(viewer)) return false;
  return ALL_CENTRE_ROLES.includes(viewer.role) || viewer.centreId === null;
}

export function canSeeCentre(viewer: Viewer, centreId: string): boolean {
  if (seesOwnFiguresOnly(viewer)) return false;
  return seesAllCentres(viewer) || viewer.centreId === centreId;
}

/** The directory restricted to what the viewer may see. */
export function scopeDirectory(viewer: Viewer, directory: DirectorySnapshot): DirectorySnapshot {
  if (seesAllCentres(viewer)) return directory;
  if (seesOwnFiguresOnly(viewer)) return { centres: [], departments: [], counters: [], people: [] };
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
