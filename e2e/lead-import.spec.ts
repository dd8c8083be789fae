import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

const PASSWORD = "DealCycle-demo-2026";

test("import a provider-style CSV, download the rejected rows, fix them and import again", async ({ page }) => {
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
  await expect(page.getByTestId("preview-valid")).toHaveText("1 ready");
  await expect(page.getByLabel('Import "Phone 1" into')).toHaveValue("phone");
  await expect(page.getByTestId("preview-rows")).toContainText("Phone is missing");
  await page.getByLabel("Tags for these leads").fill("e2e import");
  await page.getByRole("button", { name: /^Import 1 rows$/ }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Import finished", { timeout: 30_000 });
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
  await expect(page.getByTestId("preview-valid")).toHaveText("2 ready");
  await expect(page.getByLabel('Import "Import error" into')).toHaveValue("ignore");
  await page.getByRole("button", { name: /^Import 2 rows$/ }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Import finished", { timeout: 30_000 });
  await expect(page.getByTestId("import-counts")).toContainText("2 created");
  void join;
});
