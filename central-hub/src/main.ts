import { createLogger, type Logger } from "@hailong/common";
import { createHub, type Hub } from "./app/create-hub.js";
import { loadHubConfig } from "./config/load.js";

/** Stops `hub` on SIGINT/SIGTERM (a second signal exits at once). */
export function stopOnSignals(stop: () => Promise<void>, log: Logger): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      log.info({ signal }, "shutting down");
      void stop().finally(() => {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        resolve();
      });
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/** Finds (or builds) the dashboards' static files; the hub only serves what it is given. */
export type PrepareDashboards = (log: Logger) => Promise<string | undefined>;

/** `hailong hub --config hub.yaml`: the hub process; resolves after a signal stopped it. */
export async function runHub(configFile: string | undefined, prepareDashboards?: PrepareDashboards): Promise<void> {
  const log = createLogger({ name: "hub" });
  const config = loadHubConfig(configFile);
  const dashboardsDir = await prepareDashboards?.(log);
  const hub: Hub = createHub({ config, log, ...(dashboardsDir ? { dashboardsDir } : {}) });
  try {
    await hub.start();
  } catch (error) {
    await hub.stop();
    throw error;
  }
  process.stderr.write(`hailong hub: dashboard ${hub.httpUrl}  mqtt ${hub.mqttUrl}\n`);
  await stopOnSignals(() => hub.stop(), log);
}
