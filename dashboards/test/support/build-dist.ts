import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export const dashboardsRoot = fileURLToPath(new URL("../..", import.meta.url));
export const repoRoot = path.resolve(dashboardsRoot, "..");
/** Tests build here (gitignored) so they never race with a developer's `npm run build` into dashboards/dist. */
export const testDistDir = path.join(repoRoot, "test-artifacts", "dashboards-dist");
export const screenshotDir = path.join(repoRoot, "test-artifacts", "screenshots");

export async function buildDashboards(outDir: string): Promise<void> {
  await build({
    configFile: path.join(dashboardsRoot, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds into testDistDir unless a build newer than every dashboards/protocol source is already there. */
export async function ensureDashboardsBuilt(): Promise<string> {
  const index = path.join(testDistDir, "index.html");
  const sources = Math.max(
    newestMtime(path.join(dashboardsRoot, "src")),
    newestMtime(path.join(dashboardsRoot, "index.html")),
    newestMtime(path.join(dashboardsRoot, "vite.config.ts")),
    newestMtime(path.join(repoRoot, "protocol", "src")),
    // the install guide and notice sign pages bundle these files
    newestMtime(path.join(repoRoot, "docs")),
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) await buildDashboards(testDistDir);
  return testDistDir;
}
