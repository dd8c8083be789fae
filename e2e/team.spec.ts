// Team administration as an admin and the people they invite do it: invite by e-mail, read the
// link from the development outbox, accept in a fresh browser, sign in, and see the role's limits.

import { expect, test, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { ObjectId } from "mongodb";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { tenantUrl } from "./support/hosts";
import { activitiesOf, createMember, createWorkspace, getMember, TEST_PASSWORD } from "./support/workspaces";

const ADMIN = { email: "admin@acme.example.com", password: "DealCycle-demo-2026" };

/** The invitation link in the newest outbox e-mail to `email`, as the person would click it. */
async function inviteLinkFromOutbox(page: Page, email: string): Promise<string> {
  await page.goto("/settings/outbox");
  const text = await page.locator(`[data-testid="outbox-message"][data-to="${email}"]`).first().getByTestId("outbox-text").innerText();
  const link = text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
  expect(link, `invitation link in the e-mail to ${email}`).toBeTruthy();
  return link!;
}

async function invite(page: Page, email: string, role: string) {
  await page.goto("/settings/team");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  await expect(page.locator(`[data-testid="invite-row"][data-email="${email}"]`)).toContainText(role);
}

/** Opens the link in a browser that has never signed in, and joins with a name and password. */
async function acceptInFreshBrowser(browser: Browser, link: string, name: string, password: string, roleLabel: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Acme Home Buyers" })).toBeVisible();
  await expect(page.getByTestId("invite-role")).toHaveText(roleLabel);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat password").fill(password);
  await page.getByRole("button", { name: "Join with a password" }).click();
  // Signed in on the workspace at once: the link proved the e-mail, the password was just chosen.
  await expect(page.getByTestId("user-menu-name").first()).toBeAttached();
  expect(new URL(page.url()).host).toBe(new URL(link).host);
  return { context, page };
}

test.describe("team administration", () => {
  test("an admin invites a rep and a disposition manager, who accept, sign in and see their role's limits; a used link fails", async ({ page, browser }) => {
    const suffix = randomBytes(4).toString("hex");
    const rep = { email: `rep-${suffix}@example.com`, name: "Riley Rep", password: "Rep-password-2026" };
    const dispo = { email: `dispo-${suffix}@example.com`, name: "Dana Dispo", password: "Dispo-password-2026" };

    await signIn(page, { ...ADMIN, next: "/settings/team" });
    await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await invite(page, rep.email, "Acquisition rep");
    await invite(page, dispo.email, "Disposition manager");

    const repLink = await inviteLinkFromOutbox(page, rep.email);
    const dispoLink = await inviteLinkFromOutbox(page, dispo.email);
    expect(new URL(repLink).host).toBe(new URL(page.url()).host);

    // The rep joins, signs in, and finds team and workspace settings closed to them.
    const repBrowser = await acceptInFreshBrowser(browser, repLink, rep.name, rep.password, "Acquisition rep");
    await repBrowser.page.goto("/settings");
    await expect(repBrowser.page.getByTestId("role-summary")).toContainText("You are an acquisition rep:");
    const repTabs = repBrowser.page.getByRole("navigation", { name: "Settings sections" });
    await expect(repTabs.getByRole("link", { name: "Profile" })).toBeVisible();
    await expect(repTabs.getByRole("link", { name: "Team" })).toHaveCount(0);
    await expect(repTabs.getByRole("link", { name: "Workspace" })).toHaveCount(0);
    await repBrowser.page.goto("/settings/team");
    await expect(repBrowser.page.getByText("Only admins can open this section.")).toBeVisible();
    await repBrowser.page.goto("/settings/profile");
    await expect(repBrowser.page.getByLabel("Name", { exact: true })).toHaveValue(rep.name);
    await repBrowser.context.close();

    // The disposition manager too.
    const dispoBrowser = await acceptInFreshBrowser(browser, dispoLink, dispo.name, dispo.password, "Disposition manager");
    await dispoBrowser.page.goto("/settings/profile");
    await expect(dispoBrowser.page.getByTestId("role-summary")).toContainText("Disposition manager");
    await dispoBrowser.page.goto("/settings/workspace");
    await expect(dispoBrowser.page.getByText("Only admins can open this section.")).toBeVisible();
    await dispoBrowser.context.close();

    // The link worked once: opening it again fails closed with a clear message and no form.
    const again = await browser.newContext();
    const againPage = await again.newPage();
    await againPage.goto(repLink);
    await expect(againPage.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
    await expect(againPage.getByRole("button", { name: "Join with a password" })).toHaveCount(0);
    await again.close();

    // The admin sees both as active members with their roles, and no pending invitation for them.
    await page.goto("/settings/team");
    await expect(page.locator(`[data-testid="member-row"][data-email="${rep.email}"]`)).toContainText("Active");
    await expect(page.locator(`[data-testid="member-row"][data-email="${dispo.email}"]`).getByRole("combobox")).toHaveValue("disposition_manager");
    await expect(page.locator(`[data-testid="invite-row"][data-email="${rep.email}"]`)).toHaveCount(0);
  });

  test("a revoked invitation's link stops working, and the invite form reports field errors", async ({ page, browser }) => {
    const email = `revoked-${randomBytes(4).toString("hex")}@example.com`;
    await signIn(page, { ...ADMIN, next: "/settings/team" });

    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "correct the highlighted fields" })).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");

    await invite(page, email, "Acquisition rep");
    const link = await inviteLinkFromOutbox(page, email);
    await page.goto("/settings/team");
    const row = page.locator(`[data-testid="invite-row"][data-email="${email}"]`);
    await row.getByRole("button", { name: `Revoke the invitation to ${email}` }).click();
    await row.getByRole("button", { name: "Yes" }).click();
    await expect(row).toContainText("Revoked");

    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole("alert").filter({ hasText: "withdrawn" })).toBeVisible();
    await context.close();
  });

  test("the team page fits a phone: its tables scroll inside their box, not the whole page", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, { ...ADMIN, next: "/settings/team" });
    await expect(page.getByTestId("member-row").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test("the invitation page works at phone width", async ({ page, browser }) => {
    const email = `phone-${randomBytes(4).toString("hex")}@example.com`;
    await signIn(page, { ...ADMIN, next: "/settings/team" });
    await invite(page, email, "Disposition manager");
    const link = await inviteLinkFromOutbox(page, email);

    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const phone = await context.newPage();
    await phone.goto(link);
    await expect(phone.getByRole("heading", { name: "Join Acme Home Buyers" })).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.getByLabel("Your name").focus();
    await phone.keyboard.type("Pat Phone");
    await phone.keyboard.press("Tab");
    await expect(phone.getByLabel("Password", { exact: true })).toBeFocused();
    await context.close();
  });
});

test.describe("deactivation", () => {
  test("ends the member's session at once, and the last admin cannot deactivate themselves", async ({ page, browser }) => {
    const workspace = await createWorkspace({ name: "Deactivation Co" });
    const admin = await createMember(workspace.id, { role: "admin", name: "Ada Admin" });
    const rep = await createMember(workspace.id, { role: "acquisition_rep", name: "Rory Rep" });

    const repContext = await browser.newContext();
    const repPage = await repContext.newPage();
    await signIn(repPage, { email: rep.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/profile" });
    await expect(repPage.getByTestId("role-summary")).toContainText("Acquisition rep");

    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/team" });
    const me = page.locator(`[data-testid="member-row"][data-email="${admin.email}"]`);
    await me.getByRole("button", { name: "Deactivate Ada Admin" }).click();
    await me.getByRole("button", { name: "Yes" }).click();
    await expect(me.getByRole("status").filter({ hasText: "at least one active admin" })).toBeVisible();

    const row = page.locator(`[data-testid="member-row"][data-email="${rep.email}"]`);
    await row.getByRole("button", { name: "Deactivate Rory Rep" }).click();
    await row.getByRole("button", { name: "Yes" }).click();
    await expect(row).toContainText("Deactivated");
    const stored = await getMember(rep.id);
    expect(stored).toMatchObject({ is_active: false, session_version: 1 });
    expect(await activitiesOf(workspace.id, "user_deactivated")).toHaveLength(1);

    // The rep's next request finds no session: back to sign-in.
    await repPage.goto(tenantUrl(workspace.subdomain, "/settings/profile"));
    await expect(repPage.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await repContext.close();
  });
});

test.describe("accept with Google", () => {
  async function googleAs(page: Page, email: string, name: string) {
    // The local OpenID Connect stand-in plays Google (started by the e2e server).
    await page.waitForURL((url) => url.pathname === "/authorize");
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Continue" }).click();
  }

  test("the invited Google account joins with the invited role; another Google account is refused and the link keeps working", async ({ page, browser }) => {
    const workspace = await createWorkspace({ name: "Google Join Co" });
    const admin = await createMember(workspace.id, { role: "admin" });
    const email = `g-${randomBytes(4).toString("hex")}@example.com`;
    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/team" });
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Disposition manager" });
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
    await page.goto(tenantUrl(workspace.subdomain, "/settings/outbox"));
    const link = (await page.locator(`[data-testid="outbox-message"][data-to="${email}"]`).getByTestId("outbox-text").innerText()).match(/https?:\/\/\S+\/invite\/\S{43}/)![0];

    // Someone else's Google account: refused with the invitation's reason, nothing accepted.
    const wrong = await browser.newContext();
    const wrongPage = await wrong.newPage();
    await wrongPage.goto(link);
    await wrongPage.getByRole("button", { name: "Accept with Google" }).click();
    await googleAs(wrongPage, `someone-else-${randomBytes(3).toString("hex")}@example.com`, "Someone Else");
    await expect(wrongPage.getByRole("alert").filter({ hasText: "invitation could not be accepted" })).toBeVisible();
    await wrong.close();

    // The invited account: a member at once, signed in to the workspace.
    const right = await browser.newContext();
    const rightPage = await right.newPage();
    await rightPage.goto(link);
    await rightPage.getByRole("button", { name: "Accept with Google" }).click();
    await googleAs(rightPage, email, "Gale Google");
    await rightPage.waitForURL((url) => url.host === new URL(link).host && url.pathname === "/");
    await expect(rightPage.getByTestId("user-menu-role").first()).toHaveText("Disposition manager");
    expect((await right.cookies(link)).some((c) => c.name === "dc_invite" && c.value)).toBe(false);
    await right.close();

    const users = await collection("users");
    expect(await users.findOne({ tenant_id: new ObjectId(workspace.id), email })).toMatchObject({ role: "disposition_manager", is_active: true, google_id: expect.any(String) });
    expect(await activitiesOf(workspace.id, "invite_accepted")).toHaveLength(1);
  });
});
