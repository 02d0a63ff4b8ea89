import { parseArgs } from "node:util";
import { HailongError } from "@hailong/common";
import type { Command } from "commander";
import { registerPipelineBenchCommand } from "./bench/bench-command.js";
import type { LoadHumanRunner } from "./bench/human-runner.js";
import { registerReplayCommand } from "./replay/replay-command.js";

/** `loadHuman`: the benches' @vladmandic/human comparison (the CLI passes the model lab's; the agent ships none). */
export function registerAgentCommands(program: Command, options: { loadHuman?: LoadHumanRunner } = {}): void {
  // `--config` is parsed by hand rather than declared: a declared option on `agent` would also swallow
  // `agent replay --config x` (commander lets parent options appear after subcommands unless the root
  // program enables positional options).
  const agent = program
    .command("agent")
    .description("run the edge agent beside a service counter: hailong agent --config agent.yaml")
    .usage("--config <file> | replay [options]")
    .addHelpText(
      "after",
      "\nRun:\n  hailong agent --config <file>   agent YAML config (env overrides: HAILONG_A__B=...)",
    )
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_options: unknown, command: Command) => {
      const configFile = parseAgentArgs(command.args);
      const { runAgentCommand } = await import("./main.js");
      process.exitCode = await runAgentCommand({ configFile });
    });
  registerReplayCommand(agent);
  registerPipelineBenchCommand(program, options.loadHuman);
}

function parseAgentArgs(args: string[]): string {
  let parsed: ReturnType<typeof parseArgs<{ options: { config: { type: "string" } } }>>;
  try {
    parsed = parseArgs({ args, options: { config: { type: "string" } }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new HailongError("HAILONG_ERR_USAGE", `agent: ${(error as Error).message}`);
  }
  const file = parsed.values.config;
  if (!file) throw new HailongError("HAILONG_ERR_USAGE", "agent: --config <file> is required (or use agent replay)");
  return file;
}
