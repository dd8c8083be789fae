import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { PROPERTY_TYPE_LABELS } from "../lib/buyers/labels";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";

// What follows a server action or a server-rendered list is awaited by its visible result, with
// room for a loaded machine.
const expectServer = expect.configure({ timeout: 30_000 });
const IMPORT_DONE = { timeout: 90_000 };
const fmt = new Intl.NumberFormat("en-US");
const DISPO = { email: "dispo@acme.example.com", password: DEMO_PASSWORD };

async function tenantId(subdomain = "acme"): Promise<ObjectId> {
  return (await (await collection("tenants")).findOne({ subdomain }))!._id as ObjectId;
}

async function audit(page: Page) {
  for (const width of [1400, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `axe at ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

/** A buyer of acme arranged directly in the database, with a known buy box (inactive: it stays out of the seed's matching). */
async function arrangeBuyer(name: string) {
  const now = new Date();
  const _id = new ObjectId();
  await (await collection("buyers")).insertOne({
    _id,
    tenant_id: await tenantId(),
    name,
    phone: `+1214556${String(Date.now()).slice(-4)}`,
    property_types: ["single_family"],
    price_range: { min: 100_000, max: 200_000 },
    preferred_locations: ["state:tx"],
    tags: [],
    is_active: false,
    is_verified: false,
    total_deals: 0,
    total_investment: 0,
    average_deal_size: 0,
    communication_count: 0,
    search_keys: [],
    created_at: now,
    updated_at: now,
  });
  return _id;
}

test.describe("buyers, as a disposition manager", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, { ...DISPO, next: "/buyers" });
  });

  test("filters by funding and active, finds a buyer by a name and a phone fragment as they type, opens them; list and page pass axe", async ({ page }) => {
    test.slow();
    const tenant_id = await tenantId();
    const buyer = (await (await collection("buyers")).findOne({ tenant_id, funding_type: "cash", is_active: true, name: /^[A-Za-z]+ [A-Za-z]{4,}$/, phone: /^\+1\d{10}$/ }, { sort: { created_at: 1 } }))!;
    const name = String(buyer.name);

    await page.goto("/buyers");
    await expect(page.getByRole("heading", { name: /^Buyers/, level: 1 })).toBeVisible();
    await expect(page.getByTestId("buyer-total")).toHaveText(fmt.format(await (await collection("buyers")).countDocuments({ tenant_id })));
    await audit(page);

    await page.getByRole("button", { name: /^Filters/ }).click();
    const filters = page.getByRole("region", { name: "Filters" });
    await filters.getByRole("group", { name: "Funding" }).getByLabel("Cash", { exact: true }).check();
    await expect(page).toHaveURL(/funding=cash/);
    await filters.getByLabel("Active", { exact: true }).selectOption("yes");
    await expect(page).toHaveURL(/active=yes/);
    const cashActive = await (await collection("buyers")).countDocuments({ tenant_id, funding_type: "cash", is_active: true });
    await expectServer(page.getByTestId("buyer-total")).toHaveText(fmt.format(cashActive));
    await expect(page.getByRole("button", { name: "Filters (2)" })).toBeVisible();

    // A fragment of the last name, typed: the list follows without pressing Enter.
    const fragment = name.split(" ").pop()!.slice(0, 4).toLowerCase();
    const search = page.getByRole("searchbox", { name: "Search buyers by name, company, phone or e-mail" });
    await search.pressSequentially(fragment);
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), { timeout: 30_000 }).toBe(fragment);
    await expectServer(page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) })).toBeVisible();
    await expect(page).toHaveURL(/funding=cash/);

    // A fragment of the phone, typed with formatting, with no filters.
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page).not.toHaveURL(/funding=/);
    const national = String(buyer.phone).slice(2);
    const phoneFragment = `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}`;
    await search.fill("");
    await search.pressSequentially(phoneFragment);
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), { timeout: 30_000 }).toBe(phoneFragment);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expectServer(row).toBeVisible();
    const matching = await (await collection("buyers")).countDocuments({ tenant_id, search_keys: { $regex: `^${national.slice(0, 8)}` } });
    await expect(page.getByTestId("buyer-total")).toHaveText(fmt.format(matching));
    await audit(page);

    await row.getByRole("link", { name, exact: true }).click();
    await page.waitForURL(new RegExp(`/buyers/${String(buyer._id)}$`));
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Buy box", exact: true })).toBeVisible();
    await audit(page);
  });

  test("the buy box refuses min above max naming the field and saves nothing; a valid range and \"dallas tx\" are saved as Dallas, TX", async ({ page }) => {
    const name = `Boxer Test ${Date.now() % 100_000}`;
    const id = await arrangeBuyer(name);
    const stored = async () => (await (await collection("buyers")).findOne({ _id: id }))!;
    const before = await stored();

    await page.goto(`/buyers/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByTestId("buy-box-price")).toHaveText("$100,000–$200,000");

    await page.getByRole("button", { name: "Edit buy box" }).click();
    await page.getByLabel("Minimum price").fill("300000");
    await page.getByLabel("Maximum price").fill("150000");
    await page.getByRole("button", { name: "Save buy box" }).click();
    await expectServer(page.getByText("Maximum price must be at least the minimum price")).toBeVisible();
    await expect(page.getByLabel("Maximum price")).toHaveAttribute("aria-invalid", "true");
    await audit(page);
    expect(await stored()).toEqual(before);
    await page.reload();
    await expect(page.getByTestId("buy-box-price")).toHaveText("$100,000–$200,000");

    await page.getByRole("button", { name: "Edit buy box" }).click();
    await page.getByLabel("Minimum price").fill("120,000");
    await page.getByLabel("Maximum price").fill("240000");
    const place = page.getByLabel("Add a preferred location");
    await place.fill("dallas tx");
    await place.press("Enter");
    const chips = page.getByRole("list", { name: "Preferred locations" });
    await expect(chips.getByRole("listitem").filter({ hasText: "Dallas, TX" })).toHaveCount(1);
    // The same place written another way is the same location.
    await place.fill("DALLAS, Texas");
    await place.press("Enter");
    await expect(chips.getByRole("listitem")).toHaveCount(2);
    await page.getByRole("button", { name: "Save buy box" }).click();
    await expectServer(page.getByText("Buy box saved.")).toBeVisible();
    await expect(page.getByTestId("buy-box-price")).toHaveText("$120,000–$240,000");

    await page.reload();
    await expect(page.getByTestId("buy-box-price")).toHaveText("$120,000–$240,000");
    await expect(page.getByRole("region", { name: "Buy box", exact: true })).toContainText("Dallas, TX");
    const after = await stored();
    expect(after.price_range).toEqual({ min: 120_000, max: 240_000 });
    expect(after.preferred_locations).toHaveLength(2);
    expect(after.preferred_locations).toContain("state:tx");
  });

  test("imports a small buyer CSV: mapping, preview, import; the counts add up and the bad price is rejected with its reason", async ({ page }) => {
    test.slow();
    // Unique phones and names per run (the e2e database outlives a run).
    const suffix = String(Date.now()).slice(-3);
    const csv = readFileSync("e2e/fixtures/buyers-small.csv", "utf8").replaceAll("XXX", suffix);

    await page.goto("/buyers");
    await page.getByRole("link", { name: "Import", exact: true }).click();
    await page.waitForURL(/\/buyers\/import$/);
    await page.getByLabel("CSV file (up to 50 MB)").setInputFiles({ name: "buyers-small.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expectServer(page.getByTestId("preview-valid")).toHaveText("5 ready");
    await expect(page.getByRole("heading", { name: /buyers-small\.csv: 6 rows/ })).toContainText("1 with problems");
    await expect(page.getByLabel('Import "Buyer Name" into')).toHaveValue("name");
    await expect(page.getByLabel('Import "Property Type" into')).toHaveValue("property_types");
    await expect(page.getByLabel('Import "Min Price" into')).toHaveValue("price_min");
    await expect(page.getByLabel('Import "Max Price" into')).toHaveValue("price_max");
    await expect(page.getByLabel('Import "Target Markets" into')).toHaveValue("locations");
    await expect(page.getByLabel('Import "Funding" into')).toHaveValue("funding_type");
    const preview = page.getByTestId("preview-rows");
    await expect(preview).toContainText(`Row 5: Minimum price: "about a lot" is not an amount (column "Min Price")`);
    await expect(preview).toContainText(`Rosa Ledger ${suffix}`);
    await audit(page);

    await page.getByRole("button", { name: /^Import 5 rows$/ }).click();
    await expect(page.getByTestId("import-status")).toHaveText("Import finished", IMPORT_DONE);
    const counts = page.getByTestId("import-counts");
    await expect(counts).toContainText("5 created");
    await expect(counts).toContainText("0 updated");
    await expect(counts).toContainText("0 skipped");
    await expect(counts).toContainText("1 not imported");
    await expect(counts).toContainText("6 of 6 rows read");

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: /Download rows not imported/ }).click();
    const report = readFileSync((await (await downloadPromise).path())!, "utf8");
    expect(report).toContain(`Len Arbor ${suffix}`);
    expect(report).toContain("is not an amount");
    expect(report).not.toContain(`Rosa Ledger ${suffix}`);

    const tenant_id = await tenantId();
    const buyers = await collection("buyers");
    expect(await buyers.countDocuments({ tenant_id, name: new RegExp(` ${suffix}$`) })).toBe(5);
    const rosa = (await buyers.findOne({ tenant_id, name: `Rosa Ledger ${suffix}` }))!;
    expect(rosa).toMatchObject({ property_types: ["single_family", "multi_family"], price_range: { min: 90_000, max: 250_000 }, funding_type: "cash", company: "Ledger Homes LLC" });
    expect(rosa.preferred_locations).toHaveLength(2);
    expect(rosa.preferred_locations).toContain("city:tx:dallas");

    // The imported buyer's page shows the two places of the one cell.
    await page.goto(`/buyers/${String(rosa._id)}`);
    const box = page.getByRole("region", { name: "Buy box", exact: true });
    await expect(box).toContainText("Dallas, TX");
    await expect(box).toContainText("Fort Worth, TX");
    await expect(box).toContainText(`${PROPERTY_TYPE_LABELS.single_family}, ${PROPERTY_TYPE_LABELS.multi_family}`);
  });

  test("filters the list, selects all N matching (not only the page), tags them and exports them: the counts add up", async ({ page }) => {
    test.slow();
    const tenant_id = await tenantId();
    const buyers = await collection("buyers");
    const cash = await buyers.countDocuments({ tenant_id, funding_type: "cash" });
    const tag = `all-matching-${String(Date.now()).slice(-6)}`;

    await page.goto("/buyers");
    await page.getByRole("button", { name: /^Filters/ }).click();
    await page.getByRole("region", { name: "Filters" }).getByRole("group", { name: "Funding" }).getByLabel("Cash", { exact: true }).check();
    await expect(page).toHaveURL(/funding=cash/);
    await page.getByLabel("Per page").selectOption("25");
    await expect(page).toHaveURL(/size=25/);
    await expectServer(page.getByTestId("buyer-total")).toHaveText(fmt.format(cash));
    expect(cash).toBeGreaterThan(25);
    await expect(page.locator("tbody tr")).toHaveCount(25);

    await page.getByLabel("Select every buyer on this page").check();
    await page.getByRole("button", { name: `Select all ${fmt.format(cash)} matching buyers` }).click();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await expect(bar).toContainText(`All ${fmt.format(cash)} buyers matching the filters`);
    await bar.getByRole("button", { name: "Tag", exact: true }).click();
    await page.getByLabel("Tags (comma-separated)").fill(tag);
    await bar.getByRole("button", { name: "Apply" }).click();
    await expectServer(page.getByText(`Tagged ${fmt.format(cash)} buyers`)).toBeVisible();
    // Every page of them, not the 25 shown; none of another company's.
    expect(await buyers.countDocuments({ tags: tag })).toBe(cash);
    expect(await buyers.countDocuments({ tenant_id, funding_type: "cash", tags: tag })).toBe(cash);

    await page.getByLabel("Select every buyer on this page").check();
    await page.getByRole("button", { name: `Select all ${fmt.format(cash)} matching buyers` }).click();
    const downloadPromise = page.waitForEvent("download");
    await bar.getByRole("link", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await downloadPromise).path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^Name,Phone,Email,/);
    expect(lines).toHaveLength(cash + 1);
    expect(lines.slice(1).every((l) => l.includes(tag))).toBe(true);

    // The tag as a filter shows the same N.
    await page.goto(`/buyers?tag=${tag}`);
    await expectServer(page.getByTestId("buyer-total")).toHaveText(fmt.format(cash));
  });

  test("bad locations and 10 MB of text are refused naming the field, nothing saved; a place typed but not yet added is saved with the box", async ({ page }) => {
    test.slow();
    const name = `Junk Test ${Date.now() % 100_000}`;
    const buyers = await collection("buyers");
    const tenant_id = await tenantId();
    await page.goto("/buyers/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Phone", { exact: true }).fill(`214-557-${String(Date.now()).slice(-4)}`);
    const locations = page.getByLabel("Preferred locations");
    await locations.fill("Dallas, TX; $where");
    await page.getByRole("button", { name: "Add buyer" }).click();
    await expectServer(page.getByText(/^Preferred locations: location "\$where" may contain only/)).toBeVisible();
    await expect(locations).toHaveAttribute("aria-invalid", "true");
    // 10 MB pasted into the box: a field error, not a request the framework refuses.
    await locations.evaluate((el, size) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "x".repeat(size));
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, 10 * 1024 * 1024);
    await page.getByRole("button", { name: "Add buyer" }).click();
    await expectServer(page.getByText("Preferred locations: at most 10,000 characters")).toBeVisible();
    await expect(page).toHaveURL(/\/buyers\/new$/);
    expect(await buyers.countDocuments({ tenant_id, name })).toBe(0);

    const id = await arrangeBuyer(name);
    await page.goto(`/buyers/${id}`);
    await page.getByRole("button", { name: "Edit buy box" }).click();
    await page.getByLabel("Criteria notes").evaluate((el, size) => {
      const area = el as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(area, "y".repeat(size));
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }, 10 * 1024 * 1024);
    await page.getByRole("button", { name: "Save buy box" }).click();
    await expectServer(page.getByText("Criteria notes must be at most 5000 characters")).toBeVisible();
    await page.getByLabel("Criteria notes").fill("brick only");
    await page.getByLabel("Add a preferred location").fill("Fort Worth, TX");
    await page.getByRole("button", { name: "Save buy box" }).click();
    await expectServer(page.getByText("Buy box saved.")).toBeVisible();
    const after = (await buyers.findOne({ _id: id }))!;
    expect(after.preferred_locations).toEqual(["state:tx", "city:tx:fort-worth"]);
    expect(after.investment_criteria).toBe("brick only");
  });

  test("a link with settings the list does not understand names each one it left out, lists the rest, and passes axe", async ({ page }) => {
    await page.goto("/buyers?sort=__proto__&funding=$ne&active=maybe&verified=yes");
    const problems = page.getByRole("status").filter({ hasText: "Some of the link’s settings were not understood and were left out" });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole("listitem")).toHaveText([/^funding must be one of /, "active must be yes or no", /^sort must be one of /]);
    const verified = await (await collection("buyers")).countDocuments({ tenant_id: await tenantId(), is_verified: true });
    await expect(page.getByTestId("buyer-total")).toHaveText(fmt.format(verified));
    await audit(page);
  });

  test("another company's buyer id in the URL is not found, exactly like a missing one", async ({ page }) => {
    const globexBuyer = (await (await collection("buyers")).findOne({ tenant_id: await tenantId("globex") }))!;
    expect(globexBuyer).toBeTruthy();
    for (const id of [String(globexBuyer._id), new ObjectId().toHexString()]) {
      const res = await page.goto(`/buyers/${id}`);
      expect(res!.status()).toBe(404);
      await expect(page.getByRole("heading", { name: String(globexBuyer.name) })).toHaveCount(0);
    }
  });
});

test("a rep has no Buyers in the menu, and the buyer pages answer not found", async ({ page }) => {
  await signIn(page, { email: "rep@acme.example.com", password: DEMO_PASSWORD });
  const menu = page.getByRole("navigation", { name: "Main" }).first();
  await expect(menu.getByRole("link", { name: "Leads" }).first()).toBeVisible();
  await expect(menu.getByRole("link", { name: /Buyers/ })).toHaveCount(0);

  const acmeBuyer = (await (await collection("buyers")).findOne({ tenant_id: await tenantId() }))!;
  for (const path of ["/buyers", `/buyers/${String(acmeBuyer._id)}`, "/buyers/import", "/buyers/new"]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: String(acmeBuyer.name) })).toHaveCount(0);
    await expect(page.getByTestId("buyer-total")).toHaveCount(0);
  }
});
