import { HailongError } from "./errors.js";

/* Command-line option values the packages' commands share (bench counts, thread lists). */

/** Parses "1,2" into [1, 2]: positive integers, duplicates dropped, order kept. */
export function parseCountList(value: string, option: string): number[] {
  const parts = value.split(",").map((s) => s.trim());
  const out: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (part === "" || !Number.isInteger(n) || n < 1) {
      throw new HailongError("HAILONG_ERR_USAGE", `${option} takes comma-separated positive integers, got "${value}"`);
    }
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** Parses one positive integer option value. */
export function parsePositiveInt(value: string, option: string): number {
  const n = Number(value.trim());
  if (value.trim() === "" || !Number.isInteger(n) || n < 1) {
    throw new HailongError("HAILONG_ERR_USAGE", `${option} takes a positive integer, got "${value}"`);
  }
  return n;
}
