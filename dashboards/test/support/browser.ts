import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { toolAvailable } from "@hailong/common/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { screenshotDir } from "./build-dist.js";

export const CHROMIUM_PATH = process.env.HAILONG_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = toolAvailable("Chromium", existsSync(CHROMIUM_PATH), "apt-get install chromium");

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** Full-page screenshot to test-artifacts/screenshots/<name>.png (gitignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects uncaught page errors, console errors and failed HTTP responses, so a test can assert the UI ran
 * cleanly. `expected(status, path)` whitelists failures the scenario causes on purpose.
 */
export function watchPageErrors(
  page: Page,
  expected: (status: number, path: string) => boolean = (status, path) => status === 401 && path === "/api/auth/me",
): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // Failed loads are reported (with their URL) by the response listener below.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && !expected(response.status(), path)) {
      errors.push(`http ${response.status()} ${response.request().method()} ${path}`);
    }
  });
  return errors;
}

/** Opens the dashboards at `url` and signs in through the login form, as a person would. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}
