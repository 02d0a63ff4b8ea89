import { notYetAvailable } from "@hailong/common";
import type { Command } from "commander";

export function registerAgentCommands(program: Command): void {
  const agent = program.command("agent").description("run the edge agent beside a service counter");
  agent
    .command("run", { isDefault: true })
    .description("run the agent")
    .option("--config <file>", "agent YAML config")
    .action(notYetAvailable("agent", 4));
  agent
    .command("replay")
    .description("run the pipeline over recorded frames and print events as JSON lines")
    .action(notYetAvailable("agent replay", 4));
}
