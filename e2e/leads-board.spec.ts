import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";

const column = (page: Page, status: string) => page.locator(`section[data-column="${status}"]`);

async function storedStatus(id: string): Promise<string> {
  return (await (await collection("leads")).findOne({ _id: new ObjectId(id) }))!.status;
}

async function count(page: Page, status: string): Promise<number> {
  return Number((await page.getByTestId(`count-${status}`).innerText()).replace(/\D/g, ""));
}

test.describe("pipeline board", () => {
  test.beforeEach(async ({ page }) => {
    // Only urgent leads: a small board, so the cards under test are on screen.
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: "/leads/board?priority=urgent" });
    await page.goto("/leads/board?priority=urgent");
    await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
  });

  test("drags a card to another column with the mouse", async ({ page }) => {
    const card = column(page, "new").locator("[data-card-id]").first();
    const id = (await card.getAttribute("data-card-id"))!;
    const [newBefore, contactedBefore] = [await count(page, "new"), await count(page, "contacted")];

    // Drop on the column's heading: always in view, so nothing scrolls between press and drop.
    await card.dragTo(column(page, "contacted").getByRole("heading"));

    await expect(column(page, "contacted").locator(`[data-card-id="${id}"]`)).toBeVisible();
    // The toast comes with the server's answer (the announcer speaks at the drop, before it).
    await expect(page.getByRole("status").getByText(/moved to Contacted/).first()).toBeVisible();
    await expect.poll(() => storedStatus(id)).toBe("contacted");
    expect(await count(page, "new")).toBe(newBefore - 1);
    expect(await count(page, "contacted")).toBe(contactedBefore + 1);
    // Still there after a reload: the server has it.
    await page.reload();
    await expect(column(page, "contacted").locator(`[data-card-id="${id}"]`)).toBeVisible();
  });

  test("moves a card with the keyboard, announcing each step, and Escape cancels", async ({ page }) => {
    const card = column(page, "contacted").locator("[data-card-id]").first();
    const id = (await card.getAttribute("data-card-id"))!;
    const announcer = page.getByTestId("board-announcer");

    await card.focus();
    await page.keyboard.press("Space");
    await expect(announcer).toContainText("Picked up");
    await page.keyboard.press("ArrowRight");
    await expect(announcer).toContainText("Over Under contract");
    await page.keyboard.press("Escape");
    await expect(announcer).toContainText("Move cancelled");
    expect(await storedStatus(id)).toBe("contacted");

    await card.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Space");
    await expect(announcer).toContainText("moved to Under contract");
    await expect(column(page, "under_contract").locator(`[data-card-id="${id}"]`)).toBeFocused();
    await expect.poll(() => storedStatus(id)).toBe("under_contract");
  });

  test("Enter on a focused card opens its lead", async ({ page }) => {
    const card = column(page, "new").locator("[data-card-id]").first();
    const id = (await card.getAttribute("data-card-id"))!;
    await card.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/leads/${id}`);
    expect(await storedStatus(id)).toBe("new");
  });

  test("the card's Move to menu moves the lead only with its Move button, not on an arrow key", async ({ page }) => {
    const card = column(page, "new").locator("[data-card-id]").first();
    const id = (await card.getAttribute("data-card-id"))!;
    const menu = card.getByRole("combobox");
    await menu.focus();
    await page.keyboard.press("ArrowDown");
    await expect(menu).toHaveValue("contacted");
    expect(await storedStatus(id)).toBe("new");
    await expect(column(page, "new").locator(`[data-card-id="${id}"]`)).toBeVisible();

    await card.getByRole("button", { name: /^Move/ }).click();
    await expect(column(page, "contacted").locator(`[data-card-id="${id}"]`)).toBeVisible();
    await expect.poll(() => storedStatus(id)).toBe("contacted");
  });

  test("a rep's board shows only their leads, and it passes an accessibility audit", async ({ page, browser }) => {
    expect(await seriousViolations(page)).toEqual([]);

    const context = await browser.newContext();
    const rep = await context.newPage();
    await signIn(rep, { email: "rep@acme.example.com", password: DEMO_PASSWORD, next: "/leads/board" });
    await rep.goto("/leads/board");
    const tenant = await (await collection("tenants")).findOne({ subdomain: "acme" });
    const user = await (await collection("users")).findOne({ email: "rep@acme.example.com" });
    const mine = await (await collection("leads")).countDocuments({ tenant_id: tenant!._id, assigned_to: user!._id, status: "new" });
    await expect(rep.getByTestId("count-new")).toHaveText(new RegExp(`^${new Intl.NumberFormat("en-US").format(mine)}`));
    await context.close();
  });

  test("at phone width only the columns scroll sideways, not the page", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto("/leads/board");
    await expect(column(page, "new").locator("[data-card-id]").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("says which of the link's settings it did not understand, and shows the board without them", async ({ page }) => {
    await page.goto("/leads/board?priority=$gt&status[$ne]=new&created_from=2026-02-30");
    await expect(page.getByText("Some of the link’s settings were not understood")).toBeVisible();
    await expect(page.getByText(/priority must be one of/)).toBeVisible();
    await expect(page.getByText(/created_from must be a real date/)).toBeVisible();
    await expect(column(page, "new")).toBeVisible();
  });
});
