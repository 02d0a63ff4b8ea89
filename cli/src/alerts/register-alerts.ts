import type { Command } from "commander";

/** `hailong alerts ...`: talks to a running hub over its HTTP API, as the dashboards do. */
export function registerAlertsCommands(program: Command): void {
  const alerts = program
    .command("alerts")
    .description("alert quality and the false-alarm loop (through the hub's API)");
  alerts
    .command("calibrate")
    .description(
      "show a counter's false-alarm evidence and proposed dissatisfied threshold; --confirm pushes it to the agent",
    )
    .requiredOption("--counter <id>", "counter id")
    .option("--confirm", "apply the proposed threshold (config push; the agent confirms a new config version)")
    .option("--hub <url>", "hub base URL", "http://127.0.0.1:8080")
    .option("--user <username>", "an administrator's login (password: HAILONG_PASSWORD)", "admin")
    .action(async (o: { counter: string; confirm?: boolean; hub: string; user: string }) => {
      const { runCalibrate } = await import("./calibrate-command.js");
      process.exitCode = await runCalibrate({
        hubUrl: o.hub,
        username: o.user,
        password: process.env.HAILONG_PASSWORD ?? "",
        counterId: o.counter,
        confirm: o.confirm ?? false,
        stdout: process.stdout,
      });
    });
}
