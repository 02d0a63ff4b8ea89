import type { Command } from "commander";

/** Heavy modules (fastify, aedes, models) load inside the actions so `hailong --help` stays fast. */
export function registerHubCommands(program: Command): void {
  program
    .command("hub")
    .description("run the central hub (broker, storage, alerts, dashboards)")
    .option("--config <file>", "hub YAML config (env overrides: HAILONG_A__B=...)")
    .action(async (options: { config?: string }) => {
      const { runHub } = await import("./main.js");
      await runHub(options.config);
    });
  program
    .command("demo")
    .description("offline demo: hub + three replaying agents + dashboard on :8080")
    .option("--port <port>", "dashboard port", "8080")
    .option("--mqtt-port <port>", "embedded broker port (0: any free port)", "0")
    .option("--keep", "keep the demo's temp folder (database, frames) after stop")
    .action(async (options: { port: string; mqttPort: string; keep?: boolean }) => {
      const { runDemo } = await import("./demo/demo-command.js");
      await runDemo({
        httpPort: Number(options.port),
        mqttPort: Number(options.mqttPort),
        keep: options.keep ?? false,
      });
    });
}
