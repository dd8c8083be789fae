import { expect, test, type Page } from "@playwright/test";
import type { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";

const fmt = new Intl.NumberFormat("en-US");

async function tenantId(subdomain = "acme"): Promise<ObjectId> {
  return (await (await collection("tenants")).findOne({ subdomain }))!._id as ObjectId;
}

async function userId(email: string): Promise<ObjectId> {
  return (await (await collection("users")).findOne({ email }))!._id as ObjectId;
}

/** Waits until the table shows the rows of the URL it is on (the list renders on the server). */
async function rowsFor(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

test.describe("lead list", () => {
  test("finds a lead by a fragment of its phone number, typed with formatting", async ({ page }) => {
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: "/leads" });
    const lead = await (await collection("leads")).findOne({ tenant_id: await tenantId(), phone: /^\+1\d{10}$/ }, { sort: { created_at: 1 } });
    const national = lead!.phone.slice(2);
    const fragment = `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}`;

    await page.getByRole("searchbox", { name: /Search leads/ }).fill(fragment);
    await expect(await rowsFor(page, lead!.name)).toBeVisible();
    await expect(page).toHaveURL(/[?&]q=/);
    expect(new URL(page.url()).searchParams.get("q")).toBe(fragment);
    const shown = await page.locator("tbody tr").count();
    const matching = await (await collection("leads")).countDocuments({ tenant_id: await tenantId(), search_keys: { $regex: `^${national.slice(0, 8)}` } });
    expect(shown).toBe(Math.min(matching, 50));

    // The same search from a fresh load of the URL (bookmark), and Escape clears it.
    await page.reload();
    await expect(await rowsFor(page, lead!.name)).toBeVisible();
    await page.getByRole("searchbox", { name: /Search leads/ }).press("Escape");
    await expect(page).not.toHaveURL(/q=/);
  });

  test("a rep sees only their own leads; operator-looking parameters are refused, not run", async ({ page }) => {
    await signIn(page, { email: "rep@acme.example.com", password: DEMO_PASSWORD, next: "/leads" });
    const mine = await (await collection("leads")).countDocuments({ tenant_id: await tenantId(), assigned_to: await userId("rep@acme.example.com") });
    await expect(page.getByTestId("lead-total")).toHaveText(fmt.format(mine));

    await page.goto("/leads?status[$ne]=x&assigned[$exists]=true&sort=__proto__&priority=$gt");
    await expect(page.getByText("Some of the link’s settings were not understood")).toBeVisible();
    await expect(page.getByText(/sort must be one of/)).toBeVisible();
    await expect(page.getByText(/priority must be one of/)).toBeVisible();
    await expect(page.getByTestId("lead-total")).toHaveText(fmt.format(mine));

    // The list API (called from the page, with its session): unknown keys ignored, invalid values
    // answered with 400, visibility applied.
    const api = (path: string) => page.evaluate(async (p) => {
      const res = await fetch(p);
      return { status: res.status, body: await res.json() };
    }, path);
    const ignored = await api("/api/v1/leads?status[$ne]=x&size=25");
    expect(ignored.status).toBe(200);
    expect(ignored.body.total).toBe(mine);
    const refused = await api("/api/v1/leads?sort=__proto__&status=$ne");
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields).sort()).toEqual(["sort", "status"]);
  });

  test("filters, saves a shared view, and a colleague opens its link", async ({ page, browser }) => {
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: "/leads" });
    await page.getByRole("button", { name: /^Filters/ }).click();
    await page.getByRole("group", { name: "Status" }).getByLabel("New", { exact: true }).check();
    await expect(page).toHaveURL(/status=new/);
    await page.getByRole("group", { name: "Priority" }).getByLabel("Urgent", { exact: true }).check();
    await expect(page).toHaveURL(/priority=urgent/);
    const expected = await (await collection("leads")).countDocuments({ tenant_id: await tenantId(), status: "new", priority: "urgent" });
    await expect(page.getByTestId("lead-total")).toHaveText(fmt.format(expected));

    const name = `Urgent new ${Date.now() % 100000}`;
    await page.getByRole("button", { name: "Save view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save this view" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Share with my team").check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page).toHaveURL(/view=[0-9a-f]{24}/);
    const viewId = new URL(page.url()).searchParams.get("view")!;

    // The dispo manager (sees every lead) opens the bare view link and gets the same list.
    const other = await browser.newContext();
    const colleague = await other.newPage();
    await signIn(colleague, { email: "dispo@acme.example.com", password: DEMO_PASSWORD, next: `/leads?view=${viewId}` });
    await colleague.goto(`/leads?view=${viewId}`);
    await expect(colleague.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(colleague.getByTestId("lead-total")).toHaveText(fmt.format(expected));
    await expect(colleague.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: new RegExp(name) })).toBeVisible();
    // Not theirs: no edit or delete.
    await expect(colleague.getByRole("button", { name: "Delete view" })).toHaveCount(0);
    await other.close();
  });

  test("bulk tags and assigns the selected leads, and deletes with undo", async ({ page }) => {
    const rep1 = await userId("rep@acme.example.com");
    const rep2 = await userId("rep2@acme.example.com");
    // Jordan's lost leads, by name: a short, stable list to work on.
    const url = `/leads?assigned=${rep1}&status=lost&sort=name&dir=asc&size=25`;
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: url });
    await page.goto(url);
    const rows = page.locator("tbody tr");
    await expect(rows.nth(2)).toBeVisible();
    const ids = [await rows.nth(0).getAttribute("data-lead-id"), await rows.nth(1).getAttribute("data-lead-id")] as string[];
    const row = (id: string) => page.locator(`tbody tr[data-lead-id="${id}"]`);
    const leads = await collection("leads");
    const { ObjectId } = await import("mongodb");
    const oids = ids.map((id) => new ObjectId(id));

    for (const id of ids) await row(id).getByRole("checkbox").check();
    await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("2 leads selected");
    await page.getByRole("button", { name: "Tag", exact: true }).click();
    const tag = page.getByRole("dialog", { name: "Tag 2 leads" });
    await tag.getByLabel("Tags (comma-separated)").fill("e2e-callback");
    await tag.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("Tagged 2 leads e2e-callback")).toBeVisible();
    expect((await leads.find({ _id: { $in: oids } }).toArray()).every((l) => l.tags.includes("e2e-callback"))).toBe(true);

    for (const id of ids) await row(id).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    const assign = page.getByRole("dialog", { name: "Assign 2 leads" });
    await assign.getByLabel("Assign to").selectOption({ label: "Taylor Brooks" });
    await assign.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("Assigned 2 leads to Taylor Brooks")).toBeVisible();
    // No longer Jordan's: the list moved on.
    await expect(row(ids[0])).toHaveCount(0);
    expect((await leads.find({ _id: { $in: oids } }).toArray()).map((l) => String(l.assigned_to))).toEqual([String(rep2), String(rep2)]);
    const activities = await (await collection("activities")).countDocuments({ entity_id: { $in: oids }, type: { $in: ["lead_assigned", "lead_tags_changed"] }, description: /bulk/ });
    expect(activities).toBe(4);

    // Delete one, then undo from the message.
    const victim = (await rows.first().getAttribute("data-lead-id"))!;
    await row(victim).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete 1 lead?" }).getByRole("button", { name: "Delete 1 lead" }).click();
    await expect(page.getByText("Deleted 1 lead")).toBeVisible();
    await expect(row(victim)).toHaveCount(0);
    expect(await leads.countDocuments({ _id: new ObjectId(victim) })).toBe(0);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByText("Restored 1 lead")).toBeVisible();
    await expect(row(victim)).toHaveCount(1);
    expect(await leads.countDocuments({ _id: new ObjectId(victim) })).toBe(1);
  });

  test("a bulk action reaches every matching lead, not only the page: select all N matching, the confirmation says N", async ({ page }) => {
    // Closed leads, 25 a page: several pages of them in the demo company.
    const url = "/leads?status=closed&sort=name&dir=asc&size=25";
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: url });
    await page.goto(url);
    const leads = await collection("leads");
    const matching = await leads.countDocuments({ tenant_id: await tenantId(), status: "closed" });
    expect(matching).toBeGreaterThan(25);
    const all = fmt.format(matching);
    const rows = page.locator("tbody tr");
    await expect(rows.nth(24)).toBeVisible();
    const tag = `e2e-all-${Date.now().toString(36)}`;

    // One ticked row is enough to be offered the whole set.
    await rows.first().getByRole("checkbox").check();
    await page.getByRole("button", { name: `Select all ${all} matching leads` }).click();
    await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText(`All ${all} leads matching the filters`);
    await page.getByRole("button", { name: "Tag", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Tag ${all} leads` });
    await expect(dialog).toContainText(`All ${all} leads matching the current filters, on every page`);
    await dialog.getByLabel("Tags (comma-separated)").fill(tag);
    await dialog.getByRole("button", { name: "Apply" }).click();
    // A server round trip over every matching lead, on a loaded machine.
    await expect(page.getByText(`Tagged ${all} leads ${tag}`)).toBeVisible({ timeout: 30_000 });
    expect(await leads.countDocuments({ tenant_id: await tenantId(), tags: tag })).toBe(matching);

    // And back: only the page, then all of them again to remove the tag.
    await rows.first().getByRole("checkbox").check();
    await page.getByRole("button", { name: `Select all ${all} matching leads` }).click();
    await page.getByRole("button", { name: "Select only the 25 on this page" }).click();
    await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("25 leads selected");
    await page.getByRole("button", { name: `Select all ${all} matching leads` }).click();
    await page.getByRole("button", { name: "Tag", exact: true }).click();
    await page.getByRole("dialog", { name: `Tag ${all} leads` }).getByText("Remove tags").click();
    await page.getByRole("dialog", { name: `Tag ${all} leads` }).getByLabel("Tags (comma-separated)").fill(tag);
    await page.getByRole("dialog", { name: `Tag ${all} leads` }).getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText(`Removed ${tag} from ${all} leads`)).toBeVisible({ timeout: 30_000 });
    expect(await leads.countDocuments({ tenant_id: await tenantId(), tags: tag })).toBe(0);
  });

  test("works from the keyboard and passes an accessibility audit", async ({ page }) => {
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: "/leads" });
    await page.goto("/leads");
    // "/" works once the page has hydrated: a key pressed before its handler is attached does nothing.
    const search = page.getByRole("searchbox", { name: /Search leads/ });
    await expect(async () => {
      await page.locator("body").press("/");
      await expect(search).toBeFocused({ timeout: 500 });
    }).toPass({ timeout: 10_000 });

    const rows = page.locator("tbody tr");
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("x");
    await expect(rows.nth(1).getByRole("checkbox")).toBeChecked();
    const id = await rows.nth(1).getAttribute("data-lead-id");

    await page.getByRole("button", { name: /^Filters/ }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await rows.nth(1).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/leads/${id}$`));
  });

  test("shows horizontal scrolling, not a squeezed table, at phone width", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: "/leads" });
    await page.goto("/leads");
    const first = page.locator("tbody tr").first();
    await expect(first).toBeVisible();
    const table = page.locator("table");
    const scroller = table.locator("xpath=..");
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // Only the table scrolls: the page itself (header, filters, paging) stays the screen's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The column picker opens within the screen, every choice reachable.
    await page.getByRole("button", { name: "Columns" }).click();
    await expect(page.getByRole("checkbox", { name: "Tags" })).toBeInViewport({ ratio: 1 });
    await page.keyboard.press("Escape");
    // The name stays readable on the left while the rest scrolls.
    await expect(first.getByRole("link").first()).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
