// Workspace settings, preferences and the theme, each on a workspace of its own so the demo
// company's data stays as seeded.
import { expect, test } from "@playwright/test";
import { ObjectId } from "mongodb";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { tenantHost, tenantUrl } from "./support/hosts";
import { createMember, createWorkspace, TEST_PASSWORD } from "./support/workspaces";

async function freshAdmin() {
  const workspace = await createWorkspace({ name: "Settings Test Co" });
  const admin = await createMember(workspace.id, { role: "admin", name: "Sam Settings" });
  return { workspace, admin };
}

test.describe("settings", () => {
  test("the theme switches without a flash: dark is on <html> before the body paints", async ({ page }) => {
    const { workspace, admin } = await freshAdmin();
    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/profile" });
    expect(await seriousViolations(page)).toEqual([]);

    // Record the <html> class at the moment <body> is inserted, before anything is painted.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          (window as unknown as { __darkAtBody: boolean }).__darkAtBody = document.documentElement.classList.contains("dark");
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });

    await page.getByLabel("Theme").selectOption("dark");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect((await page.context().cookies()).find((c) => c.name === "dc_theme")?.value).toBe("dark");

    await page.goto(tenantUrl(workspace.subdomain, "/settings"));
    expect(await page.evaluate(() => (window as unknown as { __darkAtBody?: boolean }).__darkAtBody)).toBe(true);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect(await seriousViolations(page)).toEqual([]);

    // A browser that never saw the cookie: signing in brings the saved theme to the first page.
    await page.context().clearCookies();
    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings" });
    expect(await page.evaluate(() => (window as unknown as { __darkAtBody?: boolean }).__darkAtBody)).toBe(true);

    await page.goto(tenantUrl(workspace.subdomain, "/settings/profile"));
    await page.getByLabel("Theme").selectOption("light");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { __darkAtBody?: boolean }).__darkAtBody)).toBe(false);

    const stored = await (await collection("users")).findOne({ _id: new ObjectId(admin.id) });
    expect(stored?.preferences?.theme).toBe("light");
  });

  test("profile: every field error at once, then saved; phone width", async ({ page }) => {
    const { workspace, admin } = await freshAdmin();
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/profile" });
    await page.getByLabel("Name", { exact: true }).fill("");
    await page.getByLabel("Phone").fill("12");
    await page.getByLabel("Theme").selectOption("dark");
    await page.getByLabel("Start page").selectOption("leads");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Phone")).toHaveValue("12");
    // The choices made with the error elsewhere are still there, not reset to the stored ones.
    await expect(page.getByLabel("Theme")).toHaveValue("dark");
    await expect(page.getByLabel("Start page")).toHaveValue("leads");
    await expect(page.getByLabel("Start page").locator("option")).toHaveText(["Dashboard", "Leads"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByLabel("Name", { exact: true }).fill("Sam Settings-Jones");
    await page.getByLabel("Phone").fill("(555) 201-3344");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
    const stored = await (await collection("users")).findOne({ _id: new ObjectId(admin.id) });
    expect(stored).toMatchObject({ name: "Sam Settings-Jones", phone: "+15552013344", preferences: { theme: "dark", default_view: "leads" } });
  });

  test("workspace: company profile, feature switches that hide sections, and the reps-see-all-leads switch", async ({ page }) => {
    const { workspace, admin } = await freshAdmin();
    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/workspace" });
    expect(await seriousViolations(page)).toEqual([]);
    await expect(page.getByTestId("plan-limits")).toContainText("Basic");

    await page.getByLabel("Company name").fill("Renamed Test Co");
    await page.getByRole("button", { name: "Save company profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Company profile saved." })).toBeVisible();

    // Features that are not built are said to be not available, never shown as switched on.
    const nav = page.getByRole("navigation", { name: "Main" }).first();
    const later = page.getByRole("list", { name: "Features not available yet" });
    for (const feature of ["Automations", "Analytics"]) {
      await expect(later.getByRole("listitem").filter({ hasText: feature }).first()).toContainText("Not available yet");
    }
    for (const section of ["Automations", "Analytics"]) await expect(nav.getByRole("link", { name: section })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
    await page.goto(tenantUrl(workspace.subdomain, "/inbox"));
    await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
    await page.goto(tenantUrl(workspace.subdomain, "/settings/workspace"));

    await page.getByLabel("Reps see all leads").check();
    await page.getByRole("button", { name: "Save permissions" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Permissions saved." })).toBeVisible();
    const setting = await (await collection("settings")).findOne({ tenant_id: new ObjectId(workspace.id), category: "permissions", key: "reps_see_all_leads" });
    expect(setting?.value).toBe(true);
    const tenant = await (await collection("tenants")).findOne({ _id: new ObjectId(workspace.id) });
    expect(tenant).toMatchObject({ name: "Renamed Test Co" });
    const changes = await (await collection("activities")).countDocuments({ tenant_id: new ObjectId(workspace.id), type: "settings_changed" });
    expect(changes).toBe(2);
  });

  test("key/value settings: add, edit and delete by category, with field errors", async ({ page }) => {
    const { workspace, admin } = await freshAdmin();
    await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/values" });
    await expect(page.getByText("No settings yet.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Category").fill("integrations");
    await page.getByLabel("Key").fill("zapier_hooks");
    await page.getByLabel("Type").selectOption("json");
    await page.getByLabel("Value").fill("{bad json");
    await page.getByRole("button", { name: "Add setting" }).click();
    await expect(page.getByLabel("Value")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter valid JSON")).toBeVisible();

    await page.getByLabel("Value").fill('{"hooks": ["https://hooks.example.com/1"]}');
    await page.getByRole("button", { name: "Add setting" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added integrations / zapier_hooks." })).toBeVisible();
    const row = page.locator('[data-testid="setting-row"][data-key="integrations.zapier_hooks"]');
    await expect(row.getByTestId("setting-value")).toContainText("hooks.example.com/1");

    await row.getByRole("button", { name: "Edit integrations / zapier_hooks" }).click();
    const edit = page.getByRole("form", { name: "Edit integrations / zapier_hooks" });
    await edit.getByLabel("Value").fill('{"hooks": []}');
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(row.getByTestId("setting-value")).toContainText('"hooks": []');

    await row.getByRole("button", { name: "Delete integrations / zapier_hooks" }).click();
    await row.getByRole("button", { name: "Yes" }).click();
    await expect(page.locator('[data-testid="setting-row"]')).toHaveCount(0);
    expect(await (await collection("settings")).countDocuments({ tenant_id: new ObjectId(workspace.id) })).toBe(0);
  });
});

test("workspace address: a taken subdomain is refused on the field, a free one moves the workspace; a custom domain needs Enterprise and a verified DNS record", async ({ page }) => {
  const { workspace, admin } = await freshAdmin();
  const other = await createWorkspace();
  await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings/workspace" });

  await page.getByLabel("Subdomain").fill(other.subdomain);
  await page.getByRole("button", { name: "Change subdomain" }).click();
  await expect(page.getByLabel("Subdomain")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Already taken", { exact: true })).toBeVisible();

  const moved = `${workspace.subdomain}-new`;
  await page.getByLabel("Subdomain").fill(moved);
  await page.getByRole("button", { name: "Change subdomain" }).click();
  await page.waitForURL((url) => url.host === tenantHost(moved) && url.pathname === "/settings/workspace");
  await expect(page.getByLabel("Subdomain")).toHaveValue(moved);

  // Basic plan: the page says which plan has custom domains instead of showing the form.
  const customDomain = page.getByTestId("custom-domain");
  await expect(customDomain.getByRole("note")).toContainText("Custom domains are an Enterprise feature: your workspace is on the Basic plan.");
  await expect(page.getByLabel("Custom domain")).toHaveCount(0);
  await page.getByLabel("Plan", { exact: true }).selectOption("enterprise");
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Plan changed." })).toBeVisible();

  await page.getByLabel("Custom domain").fill("crm.not a domain");
  await page.getByRole("button", { name: "Save custom domain" }).click();
  await expect(page.getByLabel("Custom domain")).toHaveAttribute("aria-invalid", "true");
  const domain = `crm-${moved}.example.com`;
  await page.getByLabel("Custom domain").fill(domain);
  await page.getByRole("button", { name: "Save custom domain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Add the DNS records below, then verify the domain." })).toBeVisible();

  // Pending: the records to add are shown, and the domain does not serve the workspace yet.
  const pending = page.getByTestId("custom-domain-pending");
  await expect(pending.getByTestId("txt-name")).toHaveText(`_dealcycle.${domain}`);
  const txtValue = (await pending.getByTestId("txt-value").textContent()) ?? "";
  expect(txtValue).toMatch(/^dealcycle-verify=[0-9a-f]{32}$/);
  const domains = await collection("tenant_domains");
  expect(await domains.countDocuments({ domain })).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  await pending.getByRole("button", { name: "Verify domain" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `No TXT record found at _dealcycle.${domain} yet.` })).toBeVisible();
  expect(await domains.countDocuments({ domain })).toBe(0);

  // The company adds the record (the app's DNS stand-in serves e2e_dns_records), then verifies.
  await (await collection("e2e_dns_records")).insertOne({ name: `_dealcycle.${domain}`, values: [txtValue] });
  await pending.getByRole("button", { name: "Verify domain" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${domain} is verified: it now opens this workspace.` })).toBeVisible();
  await expect(page.getByTestId("custom-domain-pending")).toHaveCount(0);
  await expect(page.getByTestId("custom-domain-live")).toContainText(domain);
  expect(await domains.find({ tenant_id: new ObjectId(workspace.id) }).toArray()).toMatchObject([{ domain }]);
});
