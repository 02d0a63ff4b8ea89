import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "@hailong/common";

/** The dashboards workspace folder (a sibling of central-hub in the repo). */
export function dashboardsRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../dashboards");
}

/**
 * Returns the built dashboards folder, building it with vite's JS API when `dist/` is missing (a fresh
 * clone). Undefined when there is nothing to build or the build fails: the hub then explains at `/`.
 */
export async function ensureDashboardsBuilt(log: Logger, root = dashboardsRoot()): Promise<string | undefined> {
  const dist = join(root, "dist");
  if (existsSync(join(dist, "index.html"))) return dist;
  if (!existsSync(join(root, "index.html"))) {
    log.warn({ root }, "dashboards sources not found");
    return undefined;
  }
  log.info({ root }, "building dashboards (first start)");
  try {
    const { build } = await import("vite");
    await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "warn" });
  } catch (error) {
    log.error({ err: error }, "dashboards build failed");
    return undefined;
  }
  return existsSync(join(dist, "index.html")) ? dist : undefined;
}
