import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { DEMO_HISTORY_COUNTERS, demoHistory } from "../../../cli/src/demo/demo-history.js";
import { publishHistory } from "../../../cli/src/demo/publish-history.js";
import { launchChromium } from "./browser.js";
import { ensureDashboardsBuilt } from "./build-dist.js";
import { type HubStack, startHubStack } from "./hub.js";

/**
 * A real hub with the built dashboards and `days` of the demo's invented history published through its MQTT
 * ingest (no cameras), plus Chromium: what the reporting pages need to show something.
 */
export async function startHistoryStack(
  prefix: string,
  days: number,
): Promise<{
  hub: HubStack;
  browser: Browser;
  close(): Promise<void>;
}> {
  const workDir = mkdtempSync(path.join(tmpdir(), prefix));
  const hub = await startHubStack({ workDir, dashboardsDir: await ensureDashboardsBuilt(), frames: false });
  await publishHistory({
    mqttUrl: hub.mqttUrl,
    messages: demoHistory({ counters: DEMO_HISTORY_COUNTERS, days, now: Date.now() }),
    passwordOf: async (agentId) => (await hub.issueAgentCredential(agentId)).password,
  });
  const browser = await launchChromium();
  return {
    hub,
    browser,
    async close() {
      await browser.close();
      await hub.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
