import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";

// Steps the browser tests share, written the way a person uses the pages: by visible labels.
export const PASSWORD = "browser pass 42";
export const unique = (label: string) => `${label} ${randomUUID().slice(0, 6)}`;
export const uniqueEmail = (label: string) =>
  `${label}-${randomUUID().slice(0, 8)}@test.inkwell`.toLowerCase();

/** Signs up through the form; in development that signs the new user in at once. */
export async function signUp(page: Page, webUrl: string, name: string, email: string) {
  await page.goto(`${webUrl}/signup`);
  await page.getByLabel("Username").fill(`u_${randomUUID().slice(0, 12)}`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByText(`Signed in as ${name}`).waitFor();
}

export async function logIn(page: Page, webUrl: string, email: string) {
  await page.goto(`${webUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
}

const originOf = (page: Page) => new URL(page.url()).origin;

/**
 * Writes a post in the editor (/editor) and saves it; ends on the new post's page. Tags are
 * typed and added with Enter, as a writer does.
 */
export async function publish(page: Page, title: string, content: string, tags: string[] = []) {
  await page.goto(`${originOf(page)}/editor`);
  await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Body").fill(content);
  for (const tag of tags) {
    await page.getByLabel("Tags", { exact: true }).fill(tag);
    await page.getByLabel("Tags", { exact: true }).press("Enter");
  }
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL(/\/posts\/\d+$/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

/** Changes the signed-in user's display name on the settings page; the header follows. */
export async function rename(page: Page, name: string) {
  await page.goto(`${originOf(page)}/settings`);
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
  await page.getByText(`Signed in as ${name}`).waitFor();
}
