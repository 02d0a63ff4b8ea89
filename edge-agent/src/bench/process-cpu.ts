import { readdirSync, readFileSync } from "node:fs";

/** Linux clock ticks per second (USER_HZ); 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

/** This process's CPU time (all threads), in ms. */
export function ownCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function childPids(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync("/proc/self/task")) {
    const text = readFileSync(`/proc/self/task/${task}/children`, "utf8").trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
}

function pidCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // the child exited between listing and reading: its time is no longer attributable
  }
}

/** CPU ms of each live child process (ffmpeg decoders), by pid. Linux /proc only. */
export function childrenCpuMs(): Map<number, number> {
  return new Map(childPids().map((pid) => [pid, pidCpuMs(pid)]));
}

/** CPU the children spent between two readings (children that started in between count from 0). */
export function childrenCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
