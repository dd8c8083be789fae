import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";

const fmt = new Intl.NumberFormat("en-US");

async function storedCounts(subdomain: string) {
  const tenant = await (await collection("tenants")).findOne({ subdomain });
  const leads = await collection("leads");
  const statuses = ["new", "contacted", "under_contract", "closed", "lost"];
  const byStatus = Object.fromEntries(
    await Promise.all(statuses.map(async (status) => [status, await leads.countDocuments({ tenant_id: tenant!._id, status })])),
  ) as Record<string, number>;
  return {
    leads: await leads.countDocuments({ tenant_id: tenant!._id }),
    activeBuyers: await (await collection("buyers")).countDocuments({ tenant_id: tenant!._id, is_active: true }),
    byStatus,
  };
}

test("the demo company's dashboard shows its own counts, read from the database", async ({ page }) => {
  await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD });
  const expected = await storedCounts("acme");
  expect(expected.leads).toBeGreaterThan(900);

  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("count-leads")).toHaveText(fmt.format(expected.leads));
  await expect(page.getByTestId("count-active-buyers")).toHaveText(fmt.format(expected.activeBuyers));
  for (const [status, n] of Object.entries(expected.byStatus)) {
    await expect(page.getByTestId(`status-${status}`)).toHaveText(fmt.format(n));
  }

  expect(await seriousViolations(page)).toEqual([]);
});

test("the second company sees only its own numbers", async ({ page }) => {
  await signIn(page, { email: "admin@globex.example.com", password: DEMO_PASSWORD, host: "globex" });
  const globex = await storedCounts("globex");
  const acme = await storedCounts("acme");
  expect(globex.leads).not.toBe(acme.leads);
  await expect(page.getByTestId("count-leads")).toHaveText(fmt.format(globex.leads));
});

test("an unknown company's host answers not found", async ({ page }) => {
  const port = process.env.E2E_PORT ?? "3100";
  const response = await page.goto(`http://no-such-company.localhost:${port}/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});
