// Signing in from browser tests, the way a person does: the workspace's /signin, which sends the
// browser to the root host's sign-in form and back with a session for the workspace host.
import { expect, type Page } from "@playwright/test";
import { tenantHost, tenantUrl } from "./hosts";

const port = Number(process.env.E2E_PORT ?? 3100);

export type SignInOptions = {
  email: string;
  password: string;
  /** The workspace: `globex`, or a full host. Defaults to the page's baseURL host (acme). */
  host?: string;
  /** Path to open after signing in (default: the dashboard). */
  next?: string;
};

/**
 * Signs in to a workspace and waits until its page is shown on the workspace host. When the
 * browser is already signed in at the root host with access to that workspace, no form appears
 * and the hand-off happens at once.
 */
export async function signIn(page: Page, { email, password, host, next = "/" }: SignInOptions): Promise<void> {
  const target = tenantHost(host ?? `acme.localhost:${port}`);
  await page.goto(tenantUrl(target, `/signin?next=${encodeURIComponent(next)}`));
  const onWorkspace = () => new URL(page.url()).host === target;
  if (!onWorkspace()) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.host === target, { timeout: 30_000 });
  }
  await expect(page.getByTestId("user-menu-name").first()).toBeAttached();
}

/**
 * Fills the root sign-in form (already open), submits it and waits for the server's answer, for
 * tests that look at what the form says next.
 */
export async function submitSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}
