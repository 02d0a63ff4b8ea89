import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, hasChromium, launchChromium, PHONE, screenshot, watchPageErrors } from "./support/browser.js";
import { buildDashboards, testDistDir } from "./support/build-dist.js";
import { serveStatic } from "./support/static-server.js";

describe("dashboards bundle", () => {
  beforeAll(async () => {
    await buildDashboards(testDistDir);
  }, 180_000);

  it("vite builds one index.html that loads a hashed module bundle with the Vietnamese strings", () => {
    const html = readFileSync(path.join(testDistDir, "index.html"), "utf8");
    const script = /<script type="module" crossorigin src="(\/assets\/index-[\w-]+\.js)">/.exec(html);
    expect(script).not.toBeNull();
    expect(html).toMatch(/<link rel="stylesheet" crossorigin href="\/assets\/index-[\w-]+\.css">/);
    const js = readFileSync(path.join(testDistDir, script![1]!), "utf8");
    expect(js).toContain("Chưa có thiết bị nào kết nối");
    expect(js).toContain("No agent connected yet");
    // The dashboards may import only the protocol package: no hub or agent code in the bundle.
    expect(js).not.toMatch(/better-sqlite3|onnxruntime|fastify/);
    expect(readdirSync(path.join(testDistDir, "assets")).some((f) => f.endsWith(".css"))).toBe(true);
  });

  describe.skipIf(!hasChromium)("static smoke test in Chromium (no hub)", () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      server = await serveStatic(testDistDir);
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const [name, viewport] of [
      ["phone", PHONE],
      ["desktop", DESKTOP],
    ] as const) {
      it(`boots to the Vietnamese login page and switches to English (${name} ${viewport.width}px)`, async () => {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        const errors = watchPageErrors(page, (status, path) => status === 503 && path.startsWith("/api/"));
        await page.goto(server.url);
        await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");
        expect(await page.getByLabel("Tên đăng nhập").isVisible()).toBe(true);
        await screenshot(page, `smoke-login-vi-${name}`);
        await page.getByRole("button", { name: "English" }).click();
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
        // The installation guide is reachable without an account (the "no agent" empty state links to it).
        await page.goto(`${server.url}/#/guide`);
        await page.getByRole("heading", { name: "Installation guide" }).waitFor();
        await screenshot(page, `smoke-guide-en-${name}`);
        // The only failures allowed are the /api calls a hub-less server answers with 503.
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  });
});
