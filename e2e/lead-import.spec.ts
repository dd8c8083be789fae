import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD as PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { collection } from "./support/db";

// Reading a file and running the import are server work (the job worker, on a loaded machine
// perhaps): wait for their result on screen, with room.
const expectServer = expect.configure({ timeout: 30_000 });
const IMPORT_DONE = { timeout: 90_000 };

test("import a provider-style CSV, download the rejected rows, fix them and import again", async ({ page }) => {
  test.slow();
  await signIn(page, { email: "admin@acme.example.com", password: PASSWORD });
  // Unique phones per run: the shape of a BatchLeads export with two bad rows.
  const suffix = String(Date.now()).slice(-3);
  const csv = [
    "Property Address,Property City,Property State,Property Zip,Owner First Name,Owner Last Name,Phone 1,Phone 1 Type,Email 1",
    `1 Import Way,Dallas,TX,75201,Ivy,Import,972555${suffix}1,Mobile,ivy${suffix}@example.com`,
    `2 Import Way,Dallas,TX,75201,Jon,NoPhone,,Mobile,`,
    `3 Import Way,Dallas,TX,75201,Kay,BadPhone,not-a-phone,Mobile,`,
  ].join("\n");

  await page.goto("/leads/import");
  await page.getByLabel("CSV file (up to 50 MB)").setInputFiles({ name: "batchleads-export.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expectServer(page.getByTestId("preview-valid")).toHaveText("1 ready");
  await expect(page.getByLabel('Import "Phone 1" into')).toHaveValue("phone");
  await expect(page.getByTestId("preview-rows")).toContainText("Phone is missing");
  await page.getByLabel("Tags for these leads").fill("e2e import");
  await page.getByRole("button", { name: /^Import 1 rows$/ }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Import finished", IMPORT_DONE);
  await expect(page.getByTestId("import-counts")).toContainText("1 created");
  await expect(page.getByTestId("import-counts")).toContainText("2 not imported");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download rows not imported/ }).click();
  const download = await downloadPromise;
  const report = readFileSync((await download.path())!, "utf8");
  expect(report).toContain("Phone is missing");
  expect(report).toMatch(/Phone ""not-a-phone"" is not a valid phone number/);

  // Fix the two rows in the report and import it again.
  const fixed = report.replace(/,,Mobile,/, `,972555${suffix}2,Mobile,`).replace("not-a-phone", `972555${suffix}3`);
  await page.getByRole("button", { name: "Import another file" }).click();
  await page.getByLabel("CSV file (up to 50 MB)").setInputFiles({ name: "fixed.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await expectServer(page.getByTestId("preview-valid")).toHaveText("2 ready");
  await expect(page.getByLabel('Import "Import error" into')).toHaveValue("ignore");
  await page.getByRole("button", { name: /^Import 2 rows$/ }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Import finished", IMPORT_DONE);
  await expect(page.getByTestId("import-counts")).toContainText("2 created");
});

test("import a list saved by Excel on a European PC (Windows-1252, semicolons, decimal commas): accents, numbers and phones read right, a formula comes back escaped", async ({ page }) => {
  test.slow();
  await signIn(page, { email: "admin@acme.example.com", password: PASSWORD });
  // Unique phones per run; the bytes stay Windows-1252.
  const suffix = String(Date.now()).slice(-3);
  const file = Buffer.from(readFileSync("e2e/fixtures/excel-europe-1252.csv").toString("latin1").replaceAll("XXX", suffix), "latin1");

  await page.goto("/leads/import");
  await page.getByLabel("CSV file (up to 50 MB)").setInputFiles({ name: "liste.csv", mimeType: "text/csv", buffer: file });
  await expectServer(page.getByTestId("preview-valid")).toHaveText("1 ready");
  await expect(page.getByRole("heading", { name: /liste\.csv: 2 rows/ })).toBeVisible();
  await expect(page.getByTestId("preview-rows")).toContainText(`José Núñez · +1972555${suffix}1`);
  await expect(page.getByTestId("preview-rows")).toContainText('Phone "not a phone" is not a valid phone number');
  // Money and numbers are shown as they will be stored, per column and per row.
  await expect(page.getByTestId("reads-as-7")).toHaveText("$250,000");
  await expect(page.getByTestId("reads-as-8")).toHaveText("2.5");
  await expect(page.getByTestId("preview-rows")).toContainText("Value $250,000 · 2.5 ba");
  await page.getByRole("button", { name: /^Import 1 rows$/ }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Import finished", IMPORT_DONE);
  await expect(page.getByTestId("import-counts")).toContainText("1 created");
  await expect(page.getByTestId("import-counts")).toContainText("1 not imported");

  const lead = await (await collection("leads")).findOne({ phone: `+1972555${suffix}1` });
  expect(lead).toMatchObject({ name: "José Núñez", estimated_value: 250000, property_details: { bathrooms: 2.5 } });
  expect(lead!.notes).toContain("Phone extension: 4");
  // The second number is the lead's second phone, dialable and searchable, not a line in the notes.
  expect(lead!.phones.map((p: { number: string }) => p.number)).toEqual([`+1972555${suffix}1`, `+1972555${suffix}2`]);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download rows not imported/ }).click();
  const report = readFileSync((await (await downloadPromise).path())!, "utf8");
  expect(report).toContain(`Zoë Ångström;14 Elm St;Dallas;TX;75201;not a phone;;180.000;1;"'=HYPERLINK(""http://evil.example"";""win"")"`);
});

test("another tenant's import answers 404 on every import route, over HTTP with a signed-in session", async ({ page, browser }) => {
  await signIn(page, { email: "admin@acme.example.com", password: PASSWORD });
  const globex = await (await collection("tenants")).findOne({ subdomain: "globex" });
  const globexAdmin = await (await collection("users")).findOne({ tenant_id: globex!._id, role: "admin" });
  const imports = await collection("lead_imports");
  const id = new ObjectId();
  const now = new Date();
  await imports.insertOne({ _id: id, tenant_id: globex!._id, user_id: globexAdmin!._id, file_name: "globex.csv", file_size: 12, status: "uploading", created_at: now, updated_at: now });
  const before = await imports.findOne({ _id: id });

  // Sent from the signed-in page itself: its cookies and host (Node cannot resolve *.localhost).
  const send = (path: string, method = "GET", body?: string) =>
    page.evaluate(async ({ path, method, body }) => {
      const res = await fetch(path, { method, body, headers: body ? { "content-type": "application/octet-stream" } : {} });
      return { status: res.status, body: await res.text() };
    }, { path, method, body });
  for (const res of [await send(`/api/v1/imports/${id}`), await send(`/api/v1/imports/${id}/report`), await send(`/api/v1/imports/${id}/chunks/0`, "PUT", "name,phone\n")]) {
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "not_found" } });
  }
  expect(await imports.findOne({ _id: id })).toEqual(before);
  expect(await (await collection("lead_import_chunks")).countDocuments({ import_id: id })).toBe(0);

  // Without a session: 401, not the import.
  const anonymous = await browser.newContext();
  const stranger = await anonymous.newPage();
  await stranger.goto("/api/health");
  expect(await stranger.evaluate(async (path) => (await fetch(path)).status, `/api/v1/imports/${id}`)).toBe(401);
  await anonymous.close();
});
