import type { Command } from "commander";

/** `hailong demo`: it runs a hub and agents together, so it lives above both, in the CLI. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("offline demo: hub + three replaying agents + dashboard on :8080")
    .option("--port <port>", "dashboard port", "8080")
    .option("--mqtt-port <port>", "embedded broker port (0: any free port)", "0")
    .option("--keep", "keep the demo's temp folder (database, frames) after stop")
    .action(async (options: { port: string; mqttPort: string; keep?: boolean }) => {
      const { runDemo } = await import("./demo-command.js");
      await runDemo({
        httpPort: Number(options.port),
        mqttPort: Number(options.mqttPort),
        keep: options.keep ?? false,
      });
    });
}
