import { readFileSync } from "node:fs";
import { registerHubCommands } from "@hailong/central-hub/cli";
import { isHailongError } from "@hailong/common";
import { registerAgentCommands } from "@hailong/edge-agent/cli";
import { registerModelLabCommands } from "@hailong/model-lab/cli";
import { registerModelCommands } from "@hailong/models/cli";
import { CommanderError } from "commander";
import { registerAlertsCommands } from "./alerts/register-alerts.js";
import { registerDemoCommand } from "./demo/register-demo.js";
import { buildProgram, type CommandRegistrar, USAGE_EXIT_CODE } from "./program.js";

/** The benches' @vladmandic/human comparison comes from the model lab, so the agent package ships without it. */
const loadHuman = async () => (await import("@hailong/model-lab")).createHumanRunner();

const registrars: CommandRegistrar[] = [
  registerModelCommands,
  registerModelLabCommands,
  (program) => registerAgentCommands(program, { loadHuman }),
  (program) =>
    registerHubCommands(program, async (log) => (await import("./dashboards-build.js")).ensureDashboardsBuilt(log)),
  registerDemoCommand,
  registerAlertsCommands,
];

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Runs the CLI and returns the process exit code; never calls process.exit itself. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram(registrars, readVersion());
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isHailongError(error)) {
      process.stderr.write(`hailong: ${error.code}: ${error.message}\n`);
      return error.code === "HAILONG_ERR_USAGE" ? USAGE_EXIT_CODE : 1;
    }
    throw error;
  }
}
