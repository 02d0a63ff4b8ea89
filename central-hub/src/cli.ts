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
  const bench =
    program.commands.find((c) => c.name() === "bench") ??
    program.command("bench").description("print speed figures (never asserted in tests)");
  bench
    .command("hub")
    .description("hub ingest throughput and latency: simulated agents -> broker -> ingest -> database")
    .option("--agents <n>", "simulated agents", "20")
    .option("--rate <n>", "messages per second, all agents together", "500")
    .option("--seconds <n>", "publishing time", "10")
    .option("--broker <kind>", "mosquitto | aedes | mqtt://url", "aedes")
    .option("--workers <n>", "publisher worker threads", "1")
    .option("--db <url>", "sqlite:<path> or postgres://... (default: a temp SQLite file)")
    .action(
      async (o: { agents: string; rate: string; seconds: string; broker: string; workers: string; db?: string }) => {
        const { runHubBench } = await import("./bench/ingest-bench.js");
        await runHubBench({
          agents: Number(o.agents),
          rate: Number(o.rate),
          durationS: Number(o.seconds),
          broker: o.broker,
          workers: Number(o.workers),
          ...(o.db === undefined ? {} : { dbUrl: o.db }),
        });
      },
    );
}
