import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../src/i18n/messages.js";
import { hasChromium, PHONE, screenshot, signIn } from "./support/browser.js";
import { ensureDashboardsBuilt } from "./support/build-dist.js";
import { startHistoryStack } from "./support/history-stack.js";
import { E2E_PASSWORD, type HubStack } from "./support/hub.js";

/** Directory slugs and enum values that must stop at the UI edge. */
const SLUGS =
  /\b(dat-dai|ho-tich|xay-dung|very_satisfied|dissatisfied|centre_leader|department_head|hcc-[a-z-]+|Asia\/Ho_Chi_Minh)\b/;
/** English that leaked before (SMS states, uPlot's legend, API error codes, browser month names). */
const ENGLISH =
  /\b(logged|queued|sent|delivered|failed|pending|suppressed|Time|unauthorized|forbidden|undefined|NaN|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|December|AM|PM)\b/;

/** Everything a user can read on the page: text, option labels, tooltips, accessible names, placeholders. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll("[title], [aria-label], [placeholder], option")) {
      for (const attr of ["title", "aria-label", "placeholder"]) parts.push(el.getAttribute(attr) ?? "");
      if (el.tagName === "OPTION") parts.push(el.textContent ?? "");
    }
    return parts.join("\n");
  });
}

function leaks(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => SLUGS.test(line) || ENGLISH.test(line))
    .map((line) => line.trim().slice(0, 160));
}

/** The period filter's days read dd/mm/yyyy in an en-US browser, and a wrong day is explained in Vietnamese. */
async function checkDateFields(page: Page): Promise<void> {
  const dayMonthYear = (ms: number) =>
    new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10).split("-").reverse().join("/");
  const from = page.getByLabel("Từ ngày");
  expect(await from.inputValue()).toBe(dayMonthYear(Date.now() - 6 * 86_400_000));
  expect(await page.getByLabel("Đến ngày").inputValue()).toBe(dayMonthYear(Date.now()));
  await from.fill("31/02/2026");
  await from.blur();
  expect(await page.locator(".field-error").textContent()).toContain("Nhập theo dạng ngày/tháng/năm");
}

describe("no English or slug reaches a Vietnamese user", () => {
  it("the Vietnamese message table has none of the known English words or slugs", () => {
    const values = Object.values(MESSAGES.vi).join("\n");
    expect(leaks(values)).toEqual([]);
  });

  it("the built bundle spells no directory slug (field names come from the directory)", async () => {
    const dist = await ensureDashboardsBuilt();
    const assets = path.join(dist, "assets");
    for (const file of readdirSync(assets).filter((f) => f.endsWith(".js"))) {
      const js = readFileSync(path.join(assets, file), "utf8");
      expect(js.match(/["'`](dat-dai|ho-tich|xay-dung)["'`]/g) ?? [], file).toEqual([]);
    }
  }, 180_000);
});

describe.skipIf(!hasChromium)("every page at 390 px, in Vietnamese, with 62 days of demo history", () => {
  let stack: Awaited<ReturnType<typeof startHistoryStack>> | undefined;
  let hub: HubStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startHistoryStack("hailong-vi-", 62);
    ({ hub, browser } = stack);
  }, 240_000);

  afterAll(() => stack?.close(), 60_000);

  /** A phone in another time zone and an English browser locale: the page must still read as Vietnamese. */
  async function phonePage(username?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-US", timezoneId: "America/New_York" });
    const page = await context.newPage();
    if (username) await signIn(page, hub.httpUrl, username, E2E_PASSWORD);
    return page;
  }

  async function check(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(300);
    await screenshot(page, `vi-390-${name}`);
    expect(leaks(await readableText(page)), name).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    // On failure, name the widest elements that stick out, so the fix is obvious.
    const culprits = await page.evaluate((max) => {
      // The outermost elements that stick out: their parent ends inside the viewport.
      const out: string[] = [];
      for (const el of document.body.querySelectorAll("*")) {
        const right = el.getBoundingClientRect().right;
        const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
        if (right > max + 0.5 && parentRight <= max + 0.5)
          out.push(`${el.tagName.toLowerCase()}.${el.className} → ${Math.round(right)} px`);
      }
      return out.slice(0, 8);
    }, PHONE.width);
    expect(width, `${name} is ${width} px wide: ${culprits.join("; ")}`).toBeLessThanOrEqual(PHONE.width);
  }

  it("the public pages and a failed sign-in", async () => {
    const page = await phonePage();
    await page.goto(hub.httpUrl);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await page.getByLabel("Tên đăng nhập").fill("supervisor");
    await page.getByLabel("Mật khẩu").fill("wrong password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("alert").waitFor();
    await check(page, "login-failed");
    await page.goto(`${hub.httpUrl}/#/guide`);
    await page.locator("main h1").first().waitFor();
    await check(page, "guide");
    await page.goto(`${hub.httpUrl}/#/notice-sign`);
    await page.locator("main h1").first().waitFor();
    await check(page, "notice-sign");
    await page.context().close();
  }, 60_000);

  for (const username of ["supervisor", "admin", "leader", "head"]) {
    it(`the supervision page as ${username}, with its charts and ranking`, async () => {
      const page = await phonePage(username);
      await page.getByRole("heading", { name: "Giám sát chất lượng phục vụ" }).waitFor();
      await page.locator("table.heatmap").waitFor();
      await page.locator(".uplot").first().waitFor();
      await page.locator("#ranking table.ranking").waitFor();
      if (username === "supervisor" || username === "leader") await page.locator("#officials table.ranking").waitFor();
      if (username === "supervisor") await checkDateFields(page);
      await check(page, `supervisor-${username}`);
      await page.context().close();
    }, 60_000);
  }

  for (const username of ["admin", "leader"]) {
    it(`the roster page as ${username}`, async () => {
      const page = await phonePage(username);
      await page.getByRole("heading", { name: "Giám sát chất lượng phục vụ" }).waitFor();
      await page.goto(`${hub.httpUrl}/#/roster`);
      await page.getByTestId("roster-table").waitFor();
      expect(await page.getByTestId("roster-table").textContent()).toContain("Nguyễn Thị Lan");
      await check(page, `roster-${username}`);
      await page.context().close();
    }, 60_000);
  }

  it("an official's own figures (Kết quả của tôi)", async () => {
    const page = await phonePage("canbo-lan");
    await page.getByRole("heading", { name: "Kết quả của tôi" }).waitFor();
    await page.locator("table.ranking tbody tr").waitFor();
    await check(page, "mine-canbo-lan");
    await page.context().close();
  }, 60_000);

  it("the installer page", async () => {
    const page = await phonePage("installer");
    await page.getByRole("heading", { name: "Hiệu chỉnh camera tại quầy" }).waitFor();
    await check(page, "installer");
    await page.context().close();
  }, 60_000);

  it("the printable reports", async () => {
    const page = await phonePage("supervisor");
    await page.getByRole("heading", { name: "Giám sát chất lượng phục vụ" }).waitFor();
    const local = new Date(Date.now() + 7 * 3_600_000 - 20 * 86_400_000);
    const year = local.getUTCFullYear();
    const quarter = `${year}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
    const month = local.toISOString().slice(0, 7);
    for (const period of [
      `monthly/hcc-ben-nghe/${month}`,
      `quarterly/hcc-ben-nghe/${quarter}`,
      `yearly/hcc-ben-nghe/${year}`,
    ]) {
      await page.goto(`${hub.httpUrl}/reports/${period}`);
      await page.locator("h1").waitFor();
      expect(await page.locator("body").textContent()).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      await check(page, `report-${period.split("/")[0]}`);
    }
    await page.context().close();
  }, 60_000);
});
