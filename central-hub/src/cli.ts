import type { Command } from "commander";
import type { PrepareDashboards } from "./main.js";

/**
 * Heavy modules (fastify, aedes) load inside the actions so `hailong --help` stays fast. The dashboards'
 * static files come from `prepareDashboards` (the CLI builds them when missing): the hub only serves them.
 */
export function registerHubCommands(program: Command, prepareDashboards?: PrepareDashboards): void {
  program
    .command("hub")
    .description("run the central hub (broker, storage, alerts, dashboards)")
    .option("--config <file>", "hub YAML config (env overrides: HAILONG_A__B=...)")
    .action(async (options: { config?: string }) => {
      const { runHub } = await import("./main.js");
      await runHub(options.config, prepareDashboards);
    });
  registerBrokerCommands(program);
  const bench =
    program.commands.find((c) => c.name() === "bench") ??
    program.command("bench").description("print speed figures (never asserted in tests)");
  registerHubBench(bench);
  registerAnalyticsBench(bench);
}

function registerBrokerCommands(program: Command): void {
  const broker = program.command("broker").description("MQTT logins and ACL for agents (embedded broker or Mosquitto)");
  broker
    .command("credentials <agentId>")
    .description("issue an agent its MQTT secret (revokes the previous one); prints it once")
    .option("--config <file>", "hub YAML config (its database holds the hashed secrets)")
    .action(async (agentId: string, options: { config?: string }) => {
      const { runIssueCredential } = await import("./broker/broker-commands.js");
      await runIssueCredential({ agentId, stdout: process.stdout, ...configOption(options) });
    });
  broker
    .command("acl")
    .description("write Mosquitto's acl_file from the directory: each agent its own topics and counters")
    .option("--config <file>", "hub YAML config")
    .option("--out <file>", "file to write (default: stdout)")
    .action(async (options: { config?: string; out?: string }) => {
      const { runWriteAcl } = await import("./broker/broker-commands.js");
      await runWriteAcl({
        stdout: process.stdout,
        ...configOption(options),
        ...(options.out ? { out: options.out } : {}),
      });
    });
}

function registerHubBench(bench: Command): void {
  bench
    .command("hub")
    .description("hub ingest throughput and latency: simulated agents -> broker -> ingest -> database")
    .option("--agents <n>", "simulated agents", "20")
    .option(
      "--rate <n>",
      "messages per second per simulated agent (publishers saturate near 30k/s in total here)",
      "500",
    )
    .option("--seconds <n>", "publishing time", "10")
    .option("--broker <kind>", "mosquitto | aedes | mqtt://url", "aedes")
    .option("--workers <n>", "publisher worker threads", "1")
    .option("--db <url>", "sqlite:<path> or postgres://... (default: a temp SQLite file)")
    .option("--counters <n>", "instead: resident memory of a whole hub with this many counters registered")
    .option("--online <n>", "with --counters: agents online (the rest of the counters have none)", "1500")
    .action(
      async (o: {
        agents: string;
        rate: string;
        seconds: string;
        broker: string;
        workers: string;
        db?: string;
        counters?: string;
        online: string;
      }) => {
        if (o.counters !== undefined) {
          const { runHubRssBench } = await import("./bench/hub-rss-bench.js");
          await runHubRssBench({
            counters: Number(o.counters),
            countersPerCentre: 10,
            agents: Number(o.online),
            broker: o.broker,
            seconds: Number(o.seconds),
            healthS: 30,
          });
          return;
        }
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

function registerAnalyticsBench(bench: Command): void {
  bench
    .command("analytics")
    .description("dashboard query latency over a year of rollups for many counters (fresh SQLite file)")
    .option("--counters <n>", "counters", "3000")
    .option("--per-centre <n>", "counters per centre", "10")
    .option("--fields <n>", "fields (departments per centre)", "3")
    .option("--days <n>", "days of rollups", "365")
    .option("--open-hours <n>", "open hours a day, Monday to Saturday", "10")
    .option("--runs <n>", "timed runs per query after a cold one", "5")
    .option("--db <url>", "sqlite:<path> or postgres://... (default: a temp SQLite file)")
    .action(
      async (o: {
        counters: string;
        perCentre: string;
        fields: string;
        days: string;
        openHours: string;
        runs: string;
        db?: string;
      }) => {
        const { runAnalyticsBench } = await import("./bench/analytics-bench.js");
        await runAnalyticsBench({
          counters: Number(o.counters),
          countersPerCentre: Number(o.perCentre),
          fields: Number(o.fields),
          days: Number(o.days),
          openHours: Number(o.openHours),
          runs: Number(o.runs),
          ...(o.db === undefined ? {} : { dbUrl: o.db }),
        });
      },
    );
}

function configOption(options: { config?: string }): { configFile?: string } {
  return options.config === undefined ? {} : { configFile: options.config };
}
