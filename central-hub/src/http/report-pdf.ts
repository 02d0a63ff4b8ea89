import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/**
 * Prints the report's own printable page to PDF with headless Chromium (playwright-core), the browser the
 * project already drives in its browser tests: the PDF is the same HTML a supervisor sees and prints, with
 * the system's fonts for Vietnamese, so there is no second layout to keep in step (docs/reports.md).
 * One short-lived browser per PDF: reports are printed a few times a month, not worth a resident Chromium.
 */
export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    // The page is self-contained (inline CSS, no scripts, no images): nothing to fetch, no session needed.
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "15mm", bottom: "15mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await browser.close();
  }
}

export function canPrintPdf(chromiumPath: string | undefined): chromiumPath is string {
  return chromiumPath !== undefined && existsSync(chromiumPath);
}
