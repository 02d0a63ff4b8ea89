import { stopOnSignals } from "@hailong/central-hub";
import { createLogger } from "@hailong/common";
import { ensureDashboardsBuilt } from "../dashboards-build.js";
import { demoBanner, startDemo } from "./run-demo.js";

export async function runDemo(options: { httpPort: number; mqttPort: number; keep: boolean }): Promise<void> {
  const log = createLogger({ name: "demo" });
  const dashboardsDir = await ensureDashboardsBuilt(log);
  const demo = await startDemo({ log, ...options, ...(dashboardsDir ? { dashboardsDir } : {}) });
  process.stderr.write(demoBanner(demo.hub.httpUrl));
  await stopOnSignals(() => demo.stop(), log);
}
