import { Command, CommanderError } from "commander";

/** A package's contribution to the CLI: it adds its subcommands to the root program. */
export type CommandRegistrar = (program: Command) => void;

export const USAGE_EXIT_CODE = 2;

/**
 * Builds the `hailong` program. Registrars must keep their module light: heavy dependencies
 * (onnxruntime, fastify, sharp) are imported inside actions so `hailong --help` stays fast.
 */
export function buildProgram(registrars: CommandRegistrar[], version: string): Command {
  const program = new Command("hailong")
    .description("hailong: edge AI service-quality cameras for ward service centres")
    .version(version)
    .showHelpAfterError()
    .showSuggestionAfterError();
  for (const register of registrars) register(program);
  applyUsageExitCode(program);
  return program;
}

/** Unknown subcommands and bad flags exit 2 (usage) rather than commander's default 1. */
function applyUsageExitCode(command: Command): void {
  command.exitOverride((error: CommanderError) => {
    const informational = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
    const exitCode = informational ? 0 : error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    throw new CommanderError(exitCode, error.code, error.message);
  });
  for (const sub of command.commands) applyUsageExitCode(sub);
}
