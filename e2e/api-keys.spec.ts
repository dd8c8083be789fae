// An admin creates an API key in Settings, an app uses it to read the leads, and revoking it in
// Settings refuses the app's very next request. On a workspace of its own.
import { expect, test } from "@playwright/test";
import { ObjectId } from "mongodb";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { createMember, createWorkspace, TEST_PASSWORD } from "./support/workspaces";

test("an admin creates a read-only key, the API answers it, and revoking it refuses it at once", async ({ page, browser }) => {
  const workspace = await createWorkspace({ name: "Api Keys Co" });
  const admin = await createMember(workspace.id, { role: "admin", name: "Kay Keys" });
  const now = new Date();
  await (await collection("leads")).insertOne({ _id: new ObjectId(), tenant_id: new ObjectId(workspace.id), name: "Api Seller", phone: "+12145550177", status: "new", priority: "medium", tags: [], search_keys: ["api", "seller"], created_at: now, updated_at: now });

  await signIn(page, { email: admin.email, password: TEST_PASSWORD, host: workspace.subdomain, next: "/settings" });
  await page.getByRole("link", { name: /^API keys/ }).first().click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Nothing ticked: the form says so and keeps the name.
  await page.getByLabel("Name").fill("Reporting app");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Choose at least one permission")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Reporting app");

  await page.getByRole("group", { name: "leads" }).getByRole("checkbox", { name: /^leads\.read\b/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^dc_live_[0-9A-Za-z]{32}$/);
  const row = page.getByTestId("api-key-row").filter({ hasText: "Reporting app" });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("leads.read");
  await expect(row).toContainText("Never");

  // The app: no cookies, only the key (sent from a page on the workspace host, which Node cannot resolve).
  const app = await browser.newContext();
  const client = await app.newPage();
  await client.goto(`http://${workspace.subdomain}.localhost:${process.env.E2E_PORT ?? 3100}/api/health`);
  const callApi = (method: "GET" | "POST") =>
    client.evaluate(
      async ({ key, method }) => {
        const res = await fetch("/api/v1/leads", {
          method,
          credentials: "omit",
          headers: { Authorization: `Bearer ${key}`, ...(method === "POST" ? { "Content-Type": "application/json" } : {}) },
          body: method === "POST" ? JSON.stringify({ name: "Nope", phone: "+12145550178" }) : undefined,
        });
        return { status: res.status, body: await res.json() };
      },
      { key: secret, method },
    );
  const read = await callApi("GET");
  expect(read.status).toBe(200);
  expect(read.body.data.map((l: { name: string }) => l.name)).toEqual(["Api Seller"]);
  const write = await callApi("POST");
  expect(write.status).toBe(403);
  expect(write.body.error.code).toBe("forbidden");

  await page.reload();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Reporting app" })).not.toContainText("Never");
  await page.getByRole("button", { name: "Revoke the key Reporting app" }).click();
  await page.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Reporting app" })).toContainText(/Revoked \w{3} \d+, \d{4}/);
  await expect(page.getByRole("button", { name: "Revoke the key Reporting app" })).toHaveCount(0);

  const refused = await callApi("GET");
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe("unauthorized");
  await app.close();
});
