import { expect, test } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { capture, replay, type Captured } from "./support/server-actions";

// Server actions answer after a database round trip and a re-render: wait for their result, not a fixed time.
const expectServer = expect.configure({ timeout: 30_000 });

async function acme(): Promise<ObjectId> {
  return (await (await collection("tenants")).findOne({ subdomain: "acme" }))!._id as ObjectId;
}

async function definitions() {
  return (await (await collection("settings")).findOne({ tenant_id: await acme(), category: "custom_fields", key: "leads" }))?.value as { fields: { key: string }[]; removed?: { key: string }[] } | undefined;
}

test.describe.serial("lead custom fields", () => {
  let leadId: string;
  let saveRequest: Captured;

  test.beforeAll(async () => {
    // A lead of the rep's, so the rep's view of the same lead can be checked too.
    const rep = await (await collection("users")).findOne({ email: "rep@acme.example.com" });
    const lead = await (await collection("leads")).findOne({ tenant_id: await acme(), assigned_to: rep!._id }, { sort: { created_at: 1 } });
    leadId = String(lead!._id);
    await (await collection("settings")).deleteOne({ tenant_id: await acme(), category: "custom_fields", key: "leads" });
  });

  test.afterAll(async () => {
    // Other specs start from a workspace without custom fields, as seeded.
    await (await collection("settings")).deleteOne({ tenant_id: await acme(), category: "custom_fields", key: "leads" });
  });

  test("an admin defines, checks, reorders and saves fields from the keyboard; leads show them in that order", async ({ page }) => {
    test.slow();
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD, next: `/leads/${leadId}` });
    const more = page.getByRole("region", { name: "More fields" });
    await expect(more.getByText("No custom fields yet")).toBeVisible();
    await more.getByRole("link", { name: "Define fields" }).click();
    await page.waitForURL(/\/leads\/fields$/);
    await expect(page.getByRole("heading", { level: 1, name: "Lead custom fields" })).toBeVisible();
    await expect(page.getByText("No custom fields yet.")).toBeVisible();

    const field = (n: number) => page.getByRole("group", { name: new RegExp(`^Field ${n} of \\d`) });
    await page.getByRole("button", { name: "Add field" }).click();
    await expect(field(1).getByLabel("Label")).toBeFocused();
    await page.keyboard.type("Motivation");
    await expect(field(1).getByLabel("Key")).toHaveValue("motivation");
    await field(1).getByLabel("Type").selectOption("select");
    await field(1).getByLabel("Choices, one per line").fill("Divorce\nProbate\nTired landlord");

    await page.getByRole("button", { name: "Add field" }).click();
    await page.keyboard.type("Mortgage balance");
    await field(2).getByLabel("Type").selectOption("number");
    await field(2).getByLabel("Key").fill("$balance.total");
    await page.getByRole("button", { name: "Add field" }).click();

    // Every problem at once, on its field; focus goes to the first.
    await page.getByRole("button", { name: "Save fields" }).click();
    await expect(field(2).getByText(/Key must start with a letter/)).toBeVisible();
    await expect(field(3).getByText("Label is required")).toBeVisible();
    await expect(field(2).getByLabel("Key")).toHaveAttribute("aria-invalid", "true");
    await expect(field(2).getByLabel("Key")).toBeFocused();
    await field(2).getByLabel("Key").fill("mortgage_balance");
    await page.getByRole("button", { name: "Remove field 3" }).focus();
    await page.keyboard.press("Enter");
    await expect(field(3)).toHaveCount(0);

    // Move with the keyboard; focus stays with the moved field.
    await page.getByRole("button", { name: "Move Mortgage balance up" }).focus();
    await page.keyboard.press("Enter");
    await expect(field(1)).toHaveAccessibleName(/Mortgage balance/);
    await expect(page.getByRole("button", { name: "Move Mortgage balance down" })).toBeFocused();

    saveRequest = await capture(page, () => page.getByRole("button", { name: "Save fields" }).click());
    await expectServer(page.getByText("Saved. Every lead shows these fields now.")).toBeVisible();
    expect((await definitions())!.fields.map((f) => f.key)).toEqual(["mortgage_balance", "motivation"]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/leads/${leadId}`);
    await expect(more.getByRole("textbox").first()).toHaveAccessibleName("Mortgage balance");
    await more.getByLabel("Mortgage balance").fill("120,000");
    await more.getByLabel("Motivation").selectOption("Probate");
    await more.getByRole("button", { name: "Save fields" }).click();
    await expectServer(more.getByText("Saved.")).toBeVisible();
    const customFields = async () => ((await (await collection("leads")).findOne({ _id: new ObjectId(leadId) }))!.custom_fields ?? {}) as Record<string, unknown>;
    expect(await customFields()).toMatchObject({ mortgage_balance: 120000, motivation: "Probate" });

    // Removing a field hides it; its values stay on the lead and come back with it.
    await more.getByRole("link", { name: "Manage fields" }).click();
    await page.waitForURL(/\/leads\/fields$/);
    await page.getByRole("button", { name: "Remove Motivation" }).click();
    await page.getByRole("button", { name: "Save fields" }).click();
    await expectServer(page.getByText("Saved. Every lead shows these fields now.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Removed fields" }).getByText("Motivation", { exact: true })).toBeVisible();
    await page.goto(`/leads/${leadId}`);
    await expect(more.getByLabel("Mortgage balance")).toHaveValue("120000");
    await expect(more.getByLabel("Motivation")).toHaveCount(0);
    expect(await customFields()).toMatchObject({ motivation: "Probate" });

    await page.goto("/leads/fields");
    await page.getByRole("button", { name: "Add back Motivation" }).click();
    await expect(field(2).getByLabel("Label")).toBeFocused();
    await page.getByRole("button", { name: "Save fields" }).click();
    await expectServer(page.getByText("Saved. Every lead shows these fields now.")).toBeVisible();
    await page.goto(`/leads/${leadId}`);
    await expect(more.getByLabel("Motivation")).toHaveValue("Probate");
  });

  test("a rep cannot open the fields screen, sees no Manage link, and the server refuses their save sent directly", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, { email: "rep@acme.example.com", password: DEMO_PASSWORD, next: "/leads/fields" });
    await page.goto("/leads/fields");
    await expect(page.getByText("Only admins can open this section.")).toBeVisible();

    await page.goto(`/leads/${leadId}`);
    const more = page.getByRole("region", { name: "More fields" });
    await expect(more.getByLabel("Mortgage balance")).toBeVisible();
    await expect(more.getByRole("link", { name: "Manage fields" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

    // The admin's save, sent again with the rep's session: refused, nothing stored.
    const before = await definitions();
    const answer = await replay(page, saveRequest);
    expect(answer).toContain('"code":"forbidden"');
    expect(await definitions()).toEqual(before);
    await context.close();
  });
});
