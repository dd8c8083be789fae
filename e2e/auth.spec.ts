// Sign-up, sign-in and sessions across hosts, as a person (or an attacker) meets them.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { signIn, submitSignInForm } from "./support/auth";
import { collection } from "./support/db";
import { LOOPBACK_URL, ROOT_HOST, ROOT_URL, tenantHost, tenantUrl } from "./support/hosts";
import {
  activitiesOf,
  createMember,
  createWorkspace,
  getMember,
  setWorkspaceStatus,
  uniqueSubdomain,
  updateMember,
} from "./support/workspaces";

const SESSION_COOKIE = "dc.session";

/** The root host's sign-in page (where every sign-in form lives). */
async function expectRootSignIn(page: Page) {
  await page.waitForURL((url) => url.host === ROOT_HOST && url.pathname === "/signin");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
}

test.describe("sign-up", () => {
  test("a new company signs up on the root host and lands signed in on its own host", async ({ page }) => {
    const subdomain = uniqueSubdomain("signup");
    await page.goto(`${ROOT_URL}/`);
    await page.getByRole("link", { name: "Sign up your company" }).click();
    await page.getByLabel("Company name").fill("Sunrise Home Buyers");
    await page.getByLabel("Workspace address").fill("admin");
    await expect(page.getByTestId("subdomain-availability")).toHaveText('"admin" is reserved');
    await page.getByLabel("Workspace address").fill(subdomain);
    await expect(page.getByTestId("subdomain-availability")).toHaveText(`${subdomain} is available`);
    await page.getByRole("radio", { name: /Professional/ }).check();
    await page.getByLabel("Your name").fill("Pat Founder");
    await page.getByLabel("Your e-mail").fill(`pat@${subdomain}.example.com`);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page.getByText("Use at least 10 characters")).toBeVisible();
    await page.getByLabel("Password").fill("a-long-enough-passphrase");
    await page.getByRole("button", { name: "Create workspace" }).click();

    await page.waitForURL((url) => url.host === tenantHost(subdomain) && url.pathname === "/");
    await expect(page.getByTestId("company-name")).toHaveText("Sunrise Home Buyers");
    await expect(page.getByTestId("user-menu-name").first()).toHaveText("Pat Founder");
    await expect(page.getByTestId("user-menu-role").first()).toHaveText("Admin");

    const tenant = await (await collection("tenants")).findOne({ subdomain });
    expect(tenant).toMatchObject({ subscription_plan: "professional", subscription_status: "active", max_users: 25, max_leads: 250_000 });
    expect(tenant!.settings).toMatchObject({ automation_enabled: true, ai_buyer_matching: false });
    const admin = await (await collection("users")).findOne({ tenant_id: tenant!._id });
    expect(admin).toMatchObject({ email: `pat@${subdomain}.example.com`, role: "admin", is_active: true, login_count: 1 });
    expect(admin!.password_hash).toMatch(/^\$argon2id\$/);

    // The name is now taken.
    await page.goto(`${ROOT_URL}/signup`);
    await page.getByLabel("Workspace address").fill(subdomain);
    await expect(page.getByTestId("subdomain-availability")).toHaveText(`${subdomain} is already taken`);
  });
});

test.describe("password sign-in", () => {
  test("a member signs in on their workspace and comes back to the page they asked for", async ({ page }) => {
    const ws = await createWorkspace({ name: "Acme Flips" });
    const rep = await createMember(ws.id, { name: "Riley Rep", role: "acquisition_rep" });

    await page.goto(tenantUrl(ws.subdomain, "/leads"));
    await expectRootSignIn(page);
    await expect(page.getByRole("heading", { name: "Sign in to Acme Flips" })).toBeVisible();
    await submitSignInForm(page, rep.email, rep.password);
    await page.waitForURL((url) => url.host === tenantHost(ws.subdomain) && url.pathname === "/leads");
    await expect(page.getByTestId("user-menu-role").first()).toHaveText("Acquisition rep");
    // The nav shows only what a rep may use.
    const nav = page.getByRole("navigation", { name: "Main" }).first();
    await expect(nav.getByRole("link", { name: "Leads" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Buyers" })).toHaveCount(0);
    // Reps read the deals of their own leads.
    await expect(nav.getByRole("link", { name: "Deals" })).toBeVisible();

    const signIns = await activitiesOf(ws.id, "user_signed_in");
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ metadata: { method: "password", email: rep.email } });
    expect(signIns[0].ip_address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect((await getMember(rep.id))!.login_count).toBe(1);
  });

  test("a member of one workspace is refused on another's host, by session and by password", async ({ page }) => {
    const acme = await createWorkspace();
    const globex = await createWorkspace({ name: "Globex Deals" });
    const alice = await createMember(acme.id, { name: "Alice Acme" });
    await signIn(page, { email: alice.email, password: alice.password, host: acme.subdomain });

    // Arriving on globex with acme's sign-in: refused, and told why.
    await page.goto(tenantUrl(globex.subdomain, "/"));
    await expectRootSignIn(page);
    await expect(page.getByTestId("sign-in-error")).toContainText(`signed in as ${alice.email}`);
    await expect(page.getByTestId("sign-in-error")).toContainText("not a member of this workspace");

    // Signing in to globex with acme's credentials: refused as any wrong password is.
    await submitSignInForm(page, alice.email, alice.password);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong e-mail or password.");
    expect(new URL(page.url()).host).toBe(ROOT_HOST);
    const failures = await activitiesOf(globex.id, "user_sign_in_failed");
    expect(failures.at(-1)).toMatchObject({ metadata: { email: alice.email, reason: "unknown_email", method: "password" } });
    expect(failures.at(-1)!.metadata.password).toBeUndefined();
  });

  test("acme's session cookie replayed on globex's host is refused", async ({ page, context }) => {
    const acme = await createWorkspace();
    const globex = await createWorkspace();
    const alice = await createMember(acme.id);
    await signIn(page, { email: alice.email, password: alice.password, host: acme.subdomain });

    // The session cookie is host-only: the browser never sends it to another workspace.
    const session = (await context.cookies(tenantUrl(acme.subdomain))).find((c) => c.name === SESSION_COOKIE)!;
    expect(session).toMatchObject({ domain: acme.subdomain + ".localhost", httpOnly: true, sameSite: "Lax" });
    expect((await context.cookies(tenantUrl(globex.subdomain))).some((c) => c.name === SESSION_COOKIE)).toBe(false);

    // Replayed there by hand, it opens nothing...
    const replay = await page.request.get(`${LOOPBACK_URL}/`, {
      headers: { host: tenantHost(globex.subdomain), cookie: `${SESSION_COOKIE}=${session.value}` },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(307);
    expect(replay.headers().location).toContain("/signin");
    // ...and planted in the browser (with no root session to fall back on), neither.
    await context.clearCookies();
    await context.addCookies([{ name: SESSION_COOKIE, value: session.value, url: tenantUrl(globex.subdomain) }]);
    await page.goto(tenantUrl(globex.subdomain, "/"));
    await expectRootSignIn(page);
    // While on its own host it still works.
    await context.addCookies([{ name: SESSION_COOKIE, value: session.value, url: tenantUrl(acme.subdomain) }]);
    await page.goto(tenantUrl(acme.subdomain, "/"));
    await expect(page.getByTestId("user-menu-name").first()).toBeAttached();
  });

  test("operator objects in the sign-in fields are refused before any lookup", async ({ request }) => {
    const ws = await createWorkspace();
    await createMember(ws.id);
    const { csrfToken } = await (await request.get(`${ROOT_URL}/api/auth/csrf`)).json();
    const res = await request.post(`${ROOT_URL}/api/auth/callback/credentials`, {
      data: { csrfToken, json: "true", email: { $ne: "" }, password: { $ne: "" }, to: tenantHost(ws.subdomain) },
    });
    const { url } = await res.json();
    expect(new URL(url).searchParams.get("error")).toBe("Enter your e-mail address and password.");
    expect(res.headers()["set-cookie"] ?? "").not.toContain("next-auth.session-token");
  });

  test("repeated wrong passwords lock the account for a while, with a clear message", async ({ page }) => {
    const ws = await createWorkspace();
    const member = await createMember(ws.id);
    // A client cannot pick its own address for the per-IP budget or the log.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.66" });
    await page.goto(tenantUrl(ws.subdomain, "/signin"));
    await expectRootSignIn(page);
    for (let i = 0; i < 5; i++) {
      await submitSignInForm(page, member.email, `wrong-password-${i}`);
      await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong e-mail or password.");
    }
    await submitSignInForm(page, member.email, member.password);
    await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-in attempts. Please wait 15 minutes");
    expect(new URL(page.url()).host).toBe(ROOT_HOST);
    const failures = await activitiesOf(ws.id, "user_sign_in_failed");
    expect(failures).toHaveLength(5);
    for (const f of failures) expect(f.ip_address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  test("a client-sent tenant header never chooses the workspace", async ({ page }) => {
    const acme = await createWorkspace({ name: "Acme Spoof Target" });
    const globex = await createWorkspace({ name: "Globex Secret" });
    const alice = await createMember(acme.id);
    await signIn(page, { email: alice.email, password: alice.password, host: acme.subdomain });

    const spoof = { "x-tenant-id": globex.id, "x-tenant": globex.subdomain, "x-dealcycle-tenant": globex.id, "x-forwarded-host": tenantHost(globex.subdomain) };
    await page.setExtraHTTPHeaders(spoof);
    await page.goto(tenantUrl(acme.subdomain, "/"));
    await expect(page.getByTestId("company-name")).toHaveText("Acme Spoof Target");

    // On globex's host, acme's member stays outside whatever header names acme.
    await page.setExtraHTTPHeaders({ "x-tenant-id": acme.id, "x-tenant": acme.subdomain, "x-forwarded-host": tenantHost(acme.subdomain) });
    await page.goto(tenantUrl(globex.subdomain, "/"));
    await expectRootSignIn(page);
    await expect(page.getByTestId("sign-in-error")).toContainText("not a member of this workspace");
  });
});

test.describe("ending sessions", () => {
  test("deactivating a member ends their open session at the next request", async ({ page }) => {
    const ws = await createWorkspace();
    const member = await createMember(ws.id, { role: "acquisition_rep" });
    await signIn(page, { email: member.email, password: member.password, host: ws.subdomain });

    await updateMember(member.id, { is_active: false, session_version: 1 });
    await page.reload();
    await expectRootSignIn(page);
    await expect(page.getByTestId("sign-in-error")).toContainText("deactivated");
  });

  test("sign out everywhere ends the member's sessions in other browsers", async ({ page, browser }) => {
    const ws = await createWorkspace();
    const member = await createMember(ws.id, { name: "Sam Everywhere" });
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(page, { email: member.email, password: member.password, host: ws.subdomain });
    await signIn(otherPage, { email: member.email, password: member.password, host: ws.subdomain });

    await page.getByRole("button", { name: /Account menu for Sam Everywhere/ }).first().click();
    await page.getByRole("button", { name: /Sign out everywhere/ }).click();
    await expectRootSignIn(page);
    await expect(page.getByRole("status")).toHaveText("You have signed out.");
    expect((await getMember(member.id))!.session_version).toBe(1);
    expect(await activitiesOf(ws.id, "user_signed_out")).toHaveLength(1);

    await otherPage.reload();
    await expectRootSignIn(otherPage);
    await expect(otherPage.getByTestId("sign-in-error")).toContainText("expired");
    await other.close();
  });

  test("signing out ends the session on the workspace and on the root host", async ({ page, context }) => {
    const ws = await createWorkspace();
    const member = await createMember(ws.id, { name: "Sid Out" });
    await signIn(page, { email: member.email, password: member.password, host: ws.subdomain });
    await page.getByRole("button", { name: /Account menu for Sid Out/ }).first().click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expectRootSignIn(page);
    expect((await context.cookies()).filter((c) => c.value && /session/.test(c.name))).toEqual([]);
    await page.goto(tenantUrl(ws.subdomain, "/"));
    await expectRootSignIn(page);
  });

  test("copies of both cookies taken before signing out are refused afterwards", async ({ page, context, browser }) => {
    const ws = await createWorkspace();
    const member = await createMember(ws.id, { name: "Cody Copy" });
    await signIn(page, { email: member.email, password: member.password, host: ws.subdomain, next: "/leads" });
    const copied = (await context.cookies()).filter((c) => c.value && /session/.test(c.name));
    expect(copied.map((c) => c.name).sort()).toEqual(["dc.session", "next-auth.session-token"]);
    await page.getByRole("button", { name: /Account menu for Cody Copy/ }).first().click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expectRootSignIn(page);

    // Another browser holding the copies: the workspace cookie reads nothing, and the root
    // cookie mints no new workspace session through the sign-in hand-off.
    const replay = await browser.newContext();
    await replay.addCookies(copied);
    const replayPage = await replay.newPage();
    await replayPage.goto(tenantUrl(ws.subdomain, "/leads"));
    await expectRootSignIn(replayPage);
    await replay.close();
  });
});

test.describe("Google sign-in (local OpenID Connect stand-in)", () => {
  async function continueWithGoogle(page: Page, email: string, name: string) {
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await page.waitForURL((url) => url.pathname === "/authorize");
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    await page.getByLabel("Name").fill(name);
    await page.getByRole("button", { name: "Continue" }).click();
  }

  test("a member signs in with Google, which links the Google account to them", async ({ page }) => {
    const ws = await createWorkspace();
    const carol = await createMember(ws.id, { name: "Carol Dispo", role: "disposition_manager", password: null });
    await page.goto(tenantUrl(ws.subdomain, "/signin"));
    await expectRootSignIn(page);
    await continueWithGoogle(page, carol.email, "Carol Dispo");
    await page.waitForURL((url) => url.host === tenantHost(ws.subdomain) && url.pathname === "/");
    await expect(page.getByTestId("user-menu-role").first()).toHaveText("Disposition manager");
    expect((await getMember(carol.id))!.google_id).toMatch(/^sub-[0-9a-f]{16}$/);
    expect((await activitiesOf(ws.id, "user_signed_in")).at(-1)).toMatchObject({ metadata: { method: "google" } });
  });

  test("a Google account that is not a member of the workspace is refused", async ({ page }) => {
    const ws = await createWorkspace();
    await createMember(ws.id);
    const stranger = `stranger-${uniqueSubdomain()}@example.com`;
    await page.goto(tenantUrl(ws.subdomain, "/signin"));
    await expectRootSignIn(page);
    await continueWithGoogle(page, stranger, "Stranger");
    await expectRootSignIn(page);
    await expect(page.getByTestId("sign-in-error")).toContainText("not a member of this workspace");
    expect((await page.context().cookies(tenantUrl(ws.subdomain))).some((c) => c.name === SESSION_COOKIE && c.value)).toBe(false);
    expect((await activitiesOf(ws.id, "user_sign_in_failed")).at(-1)).toMatchObject({ metadata: { email: stranger, reason: "not_member", method: "google" } });
  });
});

test.describe("invitation accepted with Google", () => {
  test("the invited person lands signed in with the invited role, linked to their Google account", async ({ page, context }) => {
    const ws = await createWorkspace();
    const admin = await createMember(ws.id);
    const invitee = `invitee-${uniqueSubdomain()}@example.com`;
    const token = randomBytes(32).toString("base64url");
    await (await collection("invites")).insertOne({
      tenant_id: new ObjectId(ws.id),
      email: invitee,
      role: "acquisition_rep",
      token_hash: createHash("sha256").update(token).digest("hex"),
      invited_by: new ObjectId(admin.id),
      expires_at: new Date(Date.now() + 24 * 60 * 60 * 1000),
      used_at: null,
      revoked_at: null,
      sent_count: 1,
      created_at: new Date(),
      updated_at: new Date(),
    });

    await page.goto(tenantUrl(ws.subdomain, `/invite/${token}`));
    await page.getByRole("button", { name: "Accept with Google" }).click();
    await page.waitForURL((url) => url.pathname === "/authorize");
    await page.getByLabel("E-mail", { exact: true }).fill(invitee);
    await page.getByLabel("Name").fill("Ivy Invitee");
    await page.getByRole("button", { name: "Continue" }).click();

    await page.waitForURL((url) => url.host === tenantHost(ws.subdomain) && url.pathname === "/");
    await expect(page.getByTestId("user-menu-role").first()).toHaveText("Acquisition rep");
    const user = await (await collection("users")).findOne({ tenant_id: new ObjectId(ws.id), email: invitee });
    expect(user).toMatchObject({ role: "acquisition_rep", is_active: true, google_id: expect.stringMatching(/^sub-/) });
    expect((await (await collection("invites")).findOne({ token_hash: createHash("sha256").update(token).digest("hex") }))!.used_at).toBeInstanceOf(Date);
    expect((await context.cookies(tenantUrl(ws.subdomain))).some((c) => c.name === "dc_invite")).toBe(false);
  });
});

test.describe("workspace status", () => {
  test("a suspended workspace still signs members in and shows the suspended page", async ({ page }) => {
    const ws = await createWorkspace({ status: "suspended" });
    const member = await createMember(ws.id);
    await signIn(page, { email: member.email, password: member.password, host: ws.subdomain, next: "/leads" });
    await expect(page.getByTestId("workspace-suspended")).toContainText("This workspace is suspended");
    await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link")).toHaveCount(0);
  });

  test("a closed workspace refuses everyone, sign-in included", async ({ page }) => {
    const ws = await createWorkspace();
    const member = await createMember(ws.id);
    await signIn(page, { email: member.email, password: member.password, host: ws.subdomain });
    await setWorkspaceStatus(ws.id, "cancelled");
    await page.reload();
    await expect(page.getByTestId("workspace-closed")).toContainText("This workspace was closed");
    await page.goto(tenantUrl(ws.subdomain, "/signin"));
    await expect(page.getByTestId("workspace-closed")).toBeVisible();
    expect(new URL(page.url()).host).toBe(tenantHost(ws.subdomain));
  });
});

test("an unknown workspace host answers not found", async ({ page }) => {
  const res = await page.goto(tenantUrl(uniqueSubdomain("nobody"), "/"));
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});
