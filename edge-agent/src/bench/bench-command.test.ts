import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerPipelineBenchCommand } from "./bench-command.js";

function program(): Command {
  const p = new Command().exitOverride();
  registerPipelineBenchCommand(p);
  return p;
}

describe("hailong bench pipeline/counters options", () => {
  it("refuses a count that is not a positive integer before any bench starts, naming the option", async () => {
    await expect(program().parseAsync(["bench", "pipeline", "--iterations", "0"], { from: "user" })).rejects.toThrow(
      /--iterations takes a positive integer, got "0"/,
    );
    await expect(
      program().parseAsync(["bench", "counters", "--video", "v.mp4", "--fps", "2.5"], { from: "user" }),
    ).rejects.toThrow(/--fps takes a positive integer/);
  });
});
