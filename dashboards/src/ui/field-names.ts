import type { DirectoryResponse } from "@hailong/protocol";

/**
 * A counter field's Vietnamese name, from the directory: the name of the department its counters belong to
 * ("Bộ phận Đất đai"). The slug is never shown; a field without a department reads as the generic label.
 */
export function fieldNamer(
  directory: Pick<DirectoryResponse, "counters" | "departments">,
  fallback: string,
): (field: string) => string {
  const departments = new Map(directory.departments.map((d) => [d.id, d.name]));
  const names = new Map<string, string>();
  for (const c of directory.counters) {
    const name = c.departmentId === null ? undefined : departments.get(c.departmentId);
    if (name && !names.has(c.field)) names.set(c.field, name);
  }
  return (field) => names.get(field) ?? fallback;
}
