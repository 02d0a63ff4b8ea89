import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { API_ROUTES, type IncidentDto, IncidentListResponseSchema } from "@hailong/protocol";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, hasChromium, launchChromium, PHONE, screenshot, signIn, watchPageErrors } from "./support/browser.js";
import { ensureDashboardsBuilt } from "./support/build-dist.js";
import { E2E_PASSWORD, type HubStack, loginCookie, startHubStack } from "./support/hub.js";
import { startScriptedAgent } from "./support/scripted-agent.js";

/**
 * Triage in the browser against a real hub (embedded broker, SQLite, alerts with SMS to the log). Two MQTT
 * clients act as the agents of the demo's Đất đai and Hộ tịch counters and raise incidents at chosen times; the
 * hub's hourly cap is 1 SMS per person so the later incidents are held back, and the dashboard must say why.
 */
const DATDAI = { agentId: "agent-bn-3", counterId: "bn-datdai-1" };
const HOTICH = { agentId: "agent-bn-1", counterId: "bn-hotich-1" };

describe.skipIf(!hasChromium)("incident triage on the dashboard (real hub, Chromium)", () => {
  let workDir: string;
  let hub: HubStack;
  let browser: Browser;
  const agents: Array<Awaited<ReturnType<typeof startScriptedAgent>>> = [];

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), "hailong-triage-"));
    const dashboardsDir = await ensureDashboardsBuilt();
    hub = await startHubStack({ workDir, dashboardsDir, alerts: { cooldownMinutes: 0, hourlyCapPerRecipient: 1 } });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const agent of agents) await agent.stop();
    await hub?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  async function leaderIncidents(): Promise<IncidentDto[]> {
    const cookie = await loginCookie(hub.httpUrl, "leader");
    const response = await fetch(`${hub.httpUrl}${API_ROUTES.incidents}?limit=50`, { headers: { cookie } });
    return IncidentListResponseSchema.parse(await response.json()).items;
  }

  /** Waits until the hub stored the incident and decided its SMS (sent to someone, or held back with a reason). */
  async function decided(incidentId: string): Promise<IncidentDto> {
    let found: IncidentDto | undefined;
    await expect
      .poll(
        async () => {
          found = (await leaderIncidents()).find((i) => i.id === incidentId);
          return (found?.notifications.length ?? 0) + (found?.smsHeldBack.length ?? 0);
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBeGreaterThan(0);
    return found!;
  }

  it("a leader filters open incidents grouped by day and counter, sees why SMS were held back, and acknowledges two at once as false alarms", async () => {
    for (const a of [DATDAI, HOTICH]) {
      const password = (await hub.issueAgentCredential(a.agentId)).password;
      agents.push(await startScriptedAgent({ mqttUrl: hub.mqttUrl, ...a, password }));
    }
    const [datdai, hotich] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const now = Date.now();
    // texted to the centre leader and the Đất đai head: each has now used their one SMS of the hour
    const first = await datdai.raiseIncident(now - 60_000, 0.7);
    expect((await decided(first)).notifications).toHaveLength(2);
    const otherCounter = await hotich.raiseIncident(now - 40_000, 0.6);
    await decided(otherCounter);
    // both recipients are over the hourly cap: recorded, nobody texted, the reason kept
    const capped = await datdai.raiseIncident(now - 20_000, 0.55);
    const cappedDto = await decided(capped);
    expect(cappedDto.notifications).toHaveLength(0);
    expect(cappedDto.smsHeldBack.map((h) => h.reason)).toEqual(["hourly-cap", "hourly-cap"]);
    const yesterday = await datdai.raiseIncident(now - 26 * 3_600_000, 0.5);
    await decided(yesterday);

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, hub.httpUrl, "leader", E2E_PASSWORD);
    await page.getByRole("heading", { name: "Giám sát chất lượng phục vụ" }).waitFor();

    // Open incidents only (the default), grouped by day (newest first), then by counter (latest incident first).
    await expect.poll(() => page.locator("li.incident").count(), { timeout: 15_000 }).toBe(4);
    expect(await page.getByTestId("incident-filter-open").getAttribute("aria-pressed")).toBe("true");
    const days = page.locator("section.incident-day");
    expect(await days.count()).toBe(2);
    const today = days.nth(0).locator(".incident-counter");
    expect(await today.evaluateAll((els) => els.map((e) => e.getAttribute("data-counter-id")))).toEqual([
      DATDAI.counterId,
      HOTICH.counterId,
    ]);
    expect(
      await today
        .nth(0)
        .locator("li.incident")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-incident-id"))),
    ).toEqual([capped, first]);
    expect(await days.nth(1).locator("li.incident").getAttribute("data-incident-id")).toBe(yesterday);

    // The incident held back by the hourly cap says so, per person.
    const cappedItem = page.locator(`li.incident[data-incident-id="${capped}"]`);
    const heldBack = await cappedItem.getByTestId("incident-held-back").allTextContents();
    expect(heldBack).toHaveLength(2);
    expect(heldBack).toContain("Không gửi tin cho Nguyễn Văn An: người nhận đã nhận đủ số tin tối đa trong giờ qua.");
    await screenshot(page, "triage-open-desktop");

    // Bulk acknowledge: the two Đất đai incidents of today, one outcome and one note.
    for (const id of [first, capped]) {
      await page.locator(`li.incident[data-incident-id="${id}"]`).getByRole("checkbox").check();
    }
    const form = page.getByTestId("bulk-ack");
    await form.getByLabel("Báo nhầm (công dân không bực bội)").check();
    await form.getByLabel("Ghi chú xử lý").fill("Camera bắt nhầm nét mặt khi người dân cúi xuống ký giấy");
    await form.getByRole("button", { name: "Tiếp nhận 2 sự cố đã chọn" }).click();
    await expect.poll(() => page.locator("li.incident").count(), { timeout: 15_000 }).toBe(2);

    // "All" shows them again, acknowledged with the outcome and the note.
    await page.getByTestId("incident-filter-all").click();
    await expect.poll(() => page.locator("li.incident").count()).toBe(4);
    for (const id of [first, capped]) {
      const ack = await page
        .locator(`li.incident[data-incident-id="${id}"]`)
        .getByTestId("incident-ack-by")
        .textContent();
      expect(ack).toMatch(/^Nguyễn Văn An đã tiếp nhận lúc .* — Báo nhầm \(công dân không bực bội\) — Camera bắt nhầm/);
    }
    await page.setViewportSize(PHONE);
    await screenshot(page, "triage-all-phone");
    const stored = await leaderIncidents();
    expect(
      stored
        .filter((i) => i.outcome === "false-alarm")
        .map((i) => i.id)
        .sort(),
    ).toEqual([first, capped].sort());
    expect(
      stored
        .filter((i) => i.status === "open")
        .map((i) => i.id)
        .sort(),
    ).toEqual([otherCounter, yesterday].sort());
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
