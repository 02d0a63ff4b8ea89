import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, hasChromium, PHONE, screenshot, signIn, watchPageErrors } from "./support/browser.js";
import { startHistoryStack } from "./support/history-stack.js";
import { E2E_PASSWORD, type HubStack } from "./support/hub.js";

const DAY_MS = 86_400_000;

/** dd/mm/yyyy in Ho Chi Minh City time, as a Vietnamese user types it in the date filters. */
function localDate(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10).split("-").reverse().join("/");
}

const rates = async (page: Page) =>
  (await page.locator("#ranking table.ranking tbody td.rate").allTextContents()).map((t) =>
    Number(t.replace(/[^\d,]/g, "").replace(",", ".")),
  );

describe.skipIf(!hasChromium)("ranking: supervisors rank counters and officials, an official sees her own", () => {
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

  it(
    "an official signs in and sees only her own row, the privacy promise, and nothing of the centre",
    () => officialSeesOwnRow(browser, hub),
    120_000,
  );
});

/** The demo official (canbo-lan) on a phone: her page, her row only, and the centre's report refused. */
async function officialSeesOwnRow(browser: Browser, hub: HubStack): Promise<void> {
  const context = await browser.newContext({ viewport: PHONE, locale: "en-US" });
  const page = await context.newPage();
  const reportPath = (path: string) => path.startsWith("/reports/");
  const errors = watchPageErrors(
    page,
    (status, path) => (status === 401 && path === "/api/auth/me") || reportPath(path),
  );
  await signIn(page, hub.httpUrl, "canbo-lan", E2E_PASSWORD);
  await page.getByRole("heading", { name: "Kết quả của tôi" }).waitFor();
  expect(await page.locator("nav a").allTextContents()).toEqual(["Kết quả của tôi"]);

  // Last month: a full month of history, against the month before.
  const period = page.getByTestId("mine-period");
  await period.selectOption({ index: 1 });
  const table = page.locator("table.ranking");
  await expect.poll(async () => table.locator("tbody tr").count(), { timeout: 15_000 }).toBe(1);
  expect((await table.locator("tbody th[scope=row]").textContent())?.trim()).toBe("Nguyễn Thị Lan");
  expect(await table.locator("tbody td.rate").textContent()).toMatch(/^[\d,]+ %$/);
  expect(await table.locator("thead").textContent()).not.toContain("Hạng");
  expect(await table.locator("tbody tr").getAttribute("class")).toMatch(/meets-target|below-target/);
  expect(await page.getByTestId("mine-privacy").textContent()).toContain("không bao giờ hiển thị cho người dân");
  await screenshot(page, "official-my-results-phone");

  // The supervision page sends her back to her own figures; a centre report refuses her in Vietnamese.
  await page.goto(`${hub.httpUrl}/#/supervisor`);
  await page.getByRole("heading", { name: "Kết quả của tôi" }).waitFor();
  expect(page.url()).toContain("#/mine");
  const month = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
  const refused = await page.goto(`${hub.httpUrl}/reports/monthly/hcc-ben-nghe/${month}`);
  expect(refused?.status()).toBe(403);
  expect(await page.locator("h1").textContent()).toContain("Không có quyền");
  expect(errors).toEqual([]);
  await context.close();
}
