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

export async function publish(page: Page, title: string, content: string) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Content").fill(content);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("region", { name: "Feed" }).getByRole("link", { name: title }).waitFor();
}
