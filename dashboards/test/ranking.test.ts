import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, hasChromium, screenshot, signIn, watchPageErrors } from "./support/browser.js";
import { startHistoryStack } from "./support/history-stack.js";
import { E2E_PASSWORD, type HubStack } from "./support/hub.js";

const DAY_MS = 86_400_000;

/** yyyy-mm-dd in Ho Chi Minh City time, as the date filters take it. */
function localDate(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

const rates = async (page: Page) =>
  (await page.locator("#ranking table.ranking tbody td.rate").allTextContents()).map((t) =>
    Number(t.replace(/[^\d,]/g, "").replace(",", ".")),
  );

describe.skipIf(!hasChromium)("a supervisor ranks counters and officials (62 days of demo history)", () => {
  let stack: Awaited<ReturnType<typeof startHistoryStack>> | undefined;
  let hub: HubStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startHistoryStack("hailong-ranking-", 62);
    ({ hub, browser } = stack);
  }, 240_000);

  afterAll(() => stack?.close(), 60_000);

  it("sorts by tỷ lệ hài lòng, shows ▲▼ against the previous 30 days and the target, and lists the roster's officials", async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page, hub.httpUrl, "supervisor", E2E_PASSWORD);
    await page.getByRole("heading", { name: "Giám sát chất lượng phục vụ" }).waitFor();
    // The last 30 days, compared by the hub with the 30 days before.
    await page.getByLabel("Từ ngày").fill(localDate(Date.now() - 30 * DAY_MS));
    await page.getByLabel("Đến ngày").fill(localDate(Date.now() - DAY_MS));
    const ranking = page.locator("#ranking table.ranking");
    await expect.poll(async () => (await rates(page)).filter(Number.isFinite).length, { timeout: 15_000 }).toBe(3);

    // Worst first by default; one click on the column sorts best first.
    const worstFirst = await rates(page);
    expect(worstFirst).toEqual([...worstFirst].sort((a, b) => a - b));
    await ranking.getByRole("button", { name: /Tỷ lệ hài lòng/ }).click();
    const bestFirst = await rates(page);
    expect(bestFirst).toEqual([...worstFirst].sort((a, b) => b - a));

    // Change against the previous period, with its arrow, and rows coloured against the 90 % target.
    const changes = await ranking.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(changes.some((c) => /[▲▼] [\d,]+ điểm/.test(c))).toBe(true);
    expect(await ranking.locator("tbody tr.below-target").count()).toBeGreaterThan(0);
    // The trend draws the target as its own series.
    await page.locator(".uplot").first().waitFor();
    expect(await page.locator(".u-legend").first().textContent()).toContain("Mục tiêu");

    // Per official, from the demo roster (same columns).
    const officials = page.locator("#officials table.ranking");
    await officials.waitFor();
    const names = (await officials.locator("tbody th[scope=row]").allTextContents()).map((n) => n.trim()).sort();
    expect(names).toEqual(["Lê Thị Hoa", "Nguyễn Thị Lan", "Phạm Quốc Bảo", "Trần Văn Minh", "Võ Thị Thu"]);
    expect(await page.locator("#officials").textContent()).toContain("không bao giờ hiển thị cho người dân");
    await screenshot(page, "supervisor-ranking-desktop");
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
