import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/hailong.mjs", import.meta.url));

function hailong(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });
}

describe("hailong CLI", () => {
  it("--help lists every subcommand and exits 0", () => {
    const run = hailong("--help");
    expect(run.status).toBe(0);
    for (const command of ["agent", "hub", "demo", "eval", "bench", "models"]) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    }
  });

  it("an unknown subcommand prints usage and exits 2", () => {
    const run = hailong("nope");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'nope'");
    expect(run.stderr).toContain("Usage: hailong");
  });

  it("a bad flag prints usage and exits 2", () => {
    const run = hailong("models", "fetch", "--no-such-flag");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
  });
});
