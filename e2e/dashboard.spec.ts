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
    byStatus,
  };
}

test("the demo company's dashboard shows its own counts, read from the database", async ({ page }) => {
  // Counts, the menu and an accessibility audit: more than a minute on a loaded machine.
  test.slow();
  await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD });
  const expected = await storedCounts("acme");
  expect(expected.leads).toBeGreaterThan(900);

  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("count-leads")).toHaveText(fmt.format(expected.leads));
  // No counts of sections that are not built, and no links to them: they are named as not there yet.
  await expect(page.getByText("Active buyers")).toHaveCount(0);
  await expect(page.getByText("Open deals")).toHaveCount(0);
  await expect(page.getByTestId("coming-soon").filter({ hasText: "Buyers" })).toHaveCount(0);
  await expect(page.getByTestId("coming-soon").getByRole("link")).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Main" }).first();
  for (const section of ["Automations", "Analytics"]) await expect(nav.getByRole("link", { name: section })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Deals" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Buyers" })).toBeVisible();
  for (const [status, n] of Object.entries(expected.byStatus)) {
    await expect(page.getByTestId(`status-${status}`)).toHaveText(fmt.format(n));
  }

  expect(await seriousViolations(page)).toEqual([]);
});

test("a disposition manager lands on a working dashboard after signing in, not on a placeholder", async ({ page }) => {
  // The demo disposition manager's start page is still stored as "buyers", which is not built.
  await signIn(page, { email: "dispo@acme.example.com", password: DEMO_PASSWORD });
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("count-leads")).not.toHaveText("");
  await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Buyers" })).toBeVisible();
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

test("the workspace can be added to a phone's home screen: manifest and icons are served on its host", async ({ page }) => {
  await signIn(page, { email: "rep@acme.example.com", password: DEMO_PASSWORD });
  expect(await page.locator('link[rel="manifest"]').getAttribute("href")).toBe("/manifest.webmanifest");
  await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
  // Fetched by the page itself, on the workspace's host (Node cannot resolve *.localhost).
  const get = (path: string) => page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, type: r.headers.get("content-type") ?? "", text: p.endsWith(".webmanifest") ? await r.text() : "" };
  }, path);
  const manifest = await get("/manifest.webmanifest");
  expect(manifest.status).toBe(200);
  const body = JSON.parse(manifest.text);
  expect(body).toMatchObject({ name: "DealCycle", start_url: "/", display: "standalone" });
  for (const icon of body.icons as { src: string }[]) expect(await get(icon.src)).toMatchObject({ status: 200, type: expect.stringMatching(/^image\//) });
});
