import { notYetAvailable } from "@hailong/common";
import type { Command } from "commander";

export function registerHubCommands(program: Command): void {
  program
    .command("hub")
    .description("run the central hub (broker, storage, alerts, dashboards)")
    .option("--config <file>", "hub YAML config")
    .action(notYetAvailable("hub", 5));
  program
    .command("demo")
    .description("offline demo: hub + three replaying agents + dashboard on :8080")
    .action(notYetAvailable("demo", 5));
}
