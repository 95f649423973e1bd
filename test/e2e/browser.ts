import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

// Debian's Chromium driven by playwright-core (no browser download). The flags keep Chromium
// from reaching out to the network, which this machine does not have.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = "test-results";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Saves the whole page, and what the first screen shows (`<name>-top.png`) for a closer look. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}.png`, fullPage: true });
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}-top.png` });
}
