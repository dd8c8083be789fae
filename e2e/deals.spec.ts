import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";

// What follows a server action is awaited by its visible result, with room for a loaded machine.
const expectServer = expect.configure({ timeout: 30_000 });

async function acmeId(): Promise<ObjectId> {
  return (await (await collection("tenants")).findOne({ subdomain: "acme" }))!._id as ObjectId;
}

/** A lead of acme the seller just signed with: under contract, no deal yet. */
async function leadUnderContract(): Promise<{ id: string; name: string }> {
  const tenant_id = await acmeId();
  const withDeals = new Set((await (await collection("deals")).find({ tenant_id }, { projection: { lead_id: 1 } }).toArray()).map((d) => String(d.lead_id)));
  const lead = (await (await collection("leads")).find({ tenant_id, status: "contacted", "address.street": { $exists: true } }).limit(50).toArray()).find((l) => !withDeals.has(String(l._id)))!;
  await (await collection("leads")).updateOne({ _id: lead._id }, { $set: { status: "under_contract" } });
  return { id: String(lead._id), name: lead.name as string };
}

async function audit(page: Page) {
  for (const width of [1400, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `axe at ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test.describe("deals", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, { email: "dispo@acme.example.com", password: DEMO_PASSWORD, next: "/deals" });
  });

  test("a disposition manager opens a deal from a lead under contract with the analyzer, assigns a buyer, closes it and sees profit and ROI", async ({ page }) => {
    test.slow();
    const lead = await leadUnderContract();
    const buyer = (await (await collection("buyers")).findOne({ tenant_id: await acmeId(), is_active: true, name: /^[A-Za-z]{3,}/ }))!;
    // The buyer's track record before: closing this deal must move it.
    const dollars = (text: string | null) => Number((text ?? "").replace(/[^0-9]/g, ""));
    await page.goto(`/buyers/${String(buyer._id)}`);
    const closedBefore = Number(await page.getByTestId("metric-deals-closed").textContent());
    const sizeBefore = dollars(await page.getByTestId("metric-total-deal-size").textContent());

    await page.goto(`/leads/${lead.id}`);
    await page.getByLabel("ARV (after-repair value)").fill("200000");
    await page.getByLabel("Repairs").fill("30000");
    await page.getByLabel("Assignment fee").fill("10000");
    await page.getByLabel("Contract price with the seller").fill("95000");
    await expect(page.getByTestId("analyzer-mao")).toHaveText("$110,000");
    await expect(page.getByTestId("analyzer-offer")).toHaveText("$100,000");
    await page.getByRole("button", { name: "Create deal" }).click();
    await page.waitForURL(/\/deals\/[0-9a-f]{24}$/, { timeout: 30_000 });
    const dealId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByTestId("deal-profit")).toHaveText("$10,000");
    expect(await (await collection("deals")).findOne({ _id: new ObjectId(dealId) })).toMatchObject({ status: "pending", analysis: { mao: 110_000, offer_rule: 70 }, lead_id: new ObjectId(lead.id) });

    // Any buyer of the workspace, found by name.
    await page.getByLabel("Find any buyer").fill(String(buyer.name));
    await page.getByRole("button", { name: new RegExp(`^Assign ${String(buyer.name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).first().click();
    await expectServer(page.getByTestId("deal-buyer")).toContainText(String(buyer.name));

    await page.getByRole("button", { name: "Mark under contract" }).click();
    await expectServer(page.getByRole("button", { name: "Close deal" })).toBeVisible();
    await page.getByRole("button", { name: "Close deal" }).click();
    await expectServer(page.getByText("Closed", { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("deal-profit")).toHaveText("$10,000");
    await expect(page.getByTestId("deal-roi")).toHaveText("10.5%");
    const stored = (await (await collection("deals")).findOne({ _id: new ObjectId(dealId) }))!;
    expect(stored).toMatchObject({ status: "closed", buyer_id: buyer._id, financials: { profit: 10_000, roi: 10.5, purchase_price: 95_000, assignment_fee: 10_000 } });
    expect(stored.timeline.closing_date).toBeInstanceOf(Date);
    expect((await (await collection("leads")).findOne({ _id: new ObjectId(lead.id) }))!.status).toBe("closed");
    await expect(page.getByRole("list", { name: "Deal history, newest first" })).toContainText("Deal closed");
    await audit(page);

    // Their metrics count it: what they paid is the contract price and our fee (no sale price typed).
    await page.goto(`/buyers/${String(buyer._id)}`);
    await expect(page.getByTestId("metric-deals-closed")).toHaveText(String(closedBefore + 1));
    expect(dollars(await page.getByTestId("metric-total-deal-size").textContent())).toBe(sizeBefore + 105_000);
    await expect(page.getByTestId("metric-roi")).not.toHaveText("—");
  });

  test("cancelling asks for the reason; dates out of order and 10 MB of notes are refused naming the field", async ({ page }) => {
    const lead = await leadUnderContract();
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole("button", { name: "Create deal" }).click();
    await page.waitForURL(/\/deals\/[0-9a-f]{24}$/, { timeout: 30_000 });
    // 10 MB pasted into Notes: an error naming the field instead of Next's error page; nothing saved.
    const dealId = new ObjectId(page.url().split("/").pop());
    const saved = async () => {
      const deal = (await (await collection("deals")).findOne({ _id: dealId }))!;
      return [deal.notes ?? null, deal.timeline?.contract_date ?? null];
    };
    const before = await saved();
    await page.getByLabel("Notes", { exact: true }).evaluate((el, size) => {
      const area = el as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(area, "n".repeat(size));
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }, 10 * 1024 * 1024);
    await page.getByLabel("Contract date").fill("2026-05-10");
    await page.getByRole("button", { name: "Save financials and dates" }).click();
    await expectServer(page.getByText(/^Notes is too long to save \(10,485,760 characters\)/).first()).toBeVisible();
    expect(await saved()).toEqual(before);
    await page.getByLabel("Notes", { exact: true }).fill("");
    await page.getByLabel("Closing date").fill("2026-05-01");
    await page.getByRole("button", { name: "Save financials and dates" }).click();
    await expectServer(page.getByText("Closing date cannot be before the contract date").first()).toBeVisible();

    await page.getByRole("button", { name: "Cancel deal" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this deal?" });
    await dialog.getByRole("button", { name: "Cancel deal" }).click();
    await expectServer(dialog.getByText("Say why the deal is cancelled")).toBeVisible();
    await dialog.getByLabel("Cancel reason").fill("Seller backed out");
    await dialog.getByRole("button", { name: "Cancel deal" }).click();
    await expectServer(page.getByText("Cancelled: Seller backed out").first()).toBeVisible();
    expect((await (await collection("leads")).findOne({ _id: new ObjectId(lead.id) }))!.status).toBe("contacted");
  });

  test("deleting a deal asks first, then removes it and sends its lead back to contacted", async ({ page }) => {
    const lead = await leadUnderContract();
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole("button", { name: "Create deal" }).click();
    await page.waitForURL(/\/deals\/[0-9a-f]{24}$/, { timeout: 30_000 });
    const dealId = new URL(page.url()).pathname.split("/").pop()!;

    await page.getByRole("button", { name: "Delete deal" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this deal?" });
    await expect(dialog).toContainText("the lead goes back to contacted");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Keep the deal" }).click();
    await expect(dialog).toBeHidden();
    expect(await (await collection("deals")).countDocuments({ _id: new ObjectId(dealId) })).toBe(1);

    await page.getByRole("button", { name: "Delete deal" }).click();
    await dialog.getByRole("button", { name: "Delete deal" }).click();
    await page.waitForURL(/\/deals$/, { timeout: 30_000 });
    expect(await (await collection("deals")).countDocuments({ _id: new ObjectId(dealId) })).toBe(0);
    expect((await (await collection("leads")).findOne({ _id: new ObjectId(lead.id) }))!.status).toBe("contacted");
    expect((await page.goto(`/deals/${dealId}`))?.status()).toBe(404);
  });

  test("a link with settings the list does not understand names each one it left out, and passes axe", async ({ page }) => {
    await page.goto("/deals?status=nope&type=flip&sort=__proto__&view=000000000000000000000000");
    const problems = page.getByRole("status").filter({ hasText: "Some of the link’s settings were not understood and were left out" });
    await expect(problems).toBeVisible();
    await expect(problems.getByRole("listitem")).toHaveText(["status names no deal status", "sort is not an order the list offers", /^That saved view was deleted or is not shared with you/]);
    await audit(page);
  });

  test("the deal board moves a deal by keyboard, and the list passes axe", async ({ page }) => {
    await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
    await audit(page);
    await page.goto("/deals/board");
    const card = page.locator('section[data-column="pending"] [data-card-id]').first();
    const id = (await card.getAttribute("data-card-id"))!;
    const announcer = page.getByTestId("board-announcer");
    await card.focus();
    await page.keyboard.press("Space");
    await expect(announcer).toContainText("Picked up");
    await page.keyboard.press("ArrowRight");
    await expect(announcer).toContainText("Over Under contract");
    await page.keyboard.press("Space");
    await expect(announcer).toContainText("moved to Under contract");
    await expect.poll(async () => (await (await collection("deals")).findOne({ _id: new ObjectId(id) }))!.status, { timeout: 30_000 }).toBe("under_contract");
  });
});

test("a rep reads the deals of their own leads and cannot change them", async ({ page }) => {
  await signIn(page, { email: "rep@acme.example.com", password: DEMO_PASSWORD, next: "/deals" });
  await page.goto("/deals");
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByText("You can read this deal; disposition managers change it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Close deal" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save financials and dates" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete deal" })).toHaveCount(0);
});
