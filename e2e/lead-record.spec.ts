import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";

const PASSWORD = "DealCycle-demo-2026";
// Numbers unlikely to be in the demo data, different on every run.
const phone = (n: number) => `(214) 55${String(Date.now()).slice(-1)}-${String(1000 + ((Date.now() + n) % 9000)).padStart(4, "0")}`;

async function createLead(page: Page, name: string, phoneNumber: string, street: string) {
  await page.goto("/leads/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Phone").fill(phoneNumber);
  await page.getByLabel("Street").fill(street);
  await page.getByLabel("ZIP code").fill("75201");
  await page.getByRole("button", { name: "Create lead" }).click();
}

test.describe("lead record", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, { email: "admin@acme.example.com", password: PASSWORD });
  });

  test("a bad phone is refused with a field error and nothing is saved", async ({ page }) => {
    await createLead(page, "Edith Crane", phone(1), `${Date.now() % 10000} Willow Way`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Edith Crane" })).toBeVisible();

    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel("Phone").fill("abc");
    await page.getByLabel("Name").fill("Changed Name");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText(/Enter a valid phone number/)).toBeVisible();
    await expect(page.getByLabel("Phone")).toHaveAttribute("aria-invalid", "true");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Edith Crane" })).toBeVisible();
  });

  test("notes, status and follow-up show in the timeline; the page passes an accessibility audit", async ({ page }) => {
    await createLead(page, "Frank Ocampo", phone(2), `${Date.now() % 10000} Aspen Ct`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    await page.getByLabel("Add a note").fill("Seller wants to close in 30 days");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("list", { name: "Timeline, newest first" }).getByText("Seller wants to close in 30 days")).toBeVisible();
    await page.getByLabel("Status").selectOption("contacted");
    await expect(page.getByText("Status: new → contacted")).toBeVisible();
    await page.getByRole("button", { name: "Tomorrow" }).click();
    await expect(page.getByText("Follow-up scheduled")).toBeVisible();

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test("a duplicate is offered on create and merged from the lead page", async ({ page }) => {
    const p = phone(3);
    const street = `${Date.now() % 10000} Juniper Rd`;
    await createLead(page, "Gail Porter", p, street);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const keptUrl = page.url();

    await createLead(page, "Gail P.", p, "");
    await expect(page.getByText("This looks like a lead you already have")).toBeVisible();
    await page.getByRole("button", { name: "Create anyway" }).click();
    await page.waitForURL((url) => /\/leads\/[0-9a-f]{24}$/.test(url.pathname) && url.href !== keptUrl);
    await page.getByLabel("Add a note").fill("Note on the duplicate");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByText("Note on the duplicate")).toBeVisible();

    await page.goto(keptUrl);
    const dupes = page.getByRole("region", { name: "Possible duplicates" });
    await expect(dupes.getByText("Gail P.")).toBeVisible();
    await dupes.getByRole("button", { name: "Merge into this lead" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Merge" }).click();
    await expect(page.getByText(/Merged Gail P\. into this lead/)).toBeVisible();
    await expect(page.getByText("Note on the duplicate")).toBeVisible();
    await expect(page.getByRole("region", { name: "Possible duplicates" }).getByText("Gail P.")).toHaveCount(0);
  });

  test("another tenant's or a malformed lead id is not found", async ({ page }) => {
    for (const id of ["000000000000000000000000", "not-an-id"]) {
      const res = await page.goto(`/leads/${id}`);
      expect(res?.status()).toBe(404);
    }
  });
});
