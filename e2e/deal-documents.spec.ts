// Deal documents and the disposition dashboard in Chromium, as the demo disposition manager:
// upload a contract with progress, download it byte for byte, refuse a program named .pdf, delete;
// another company's document is not found; the dashboard's charts have their numbers in words and
// tables; axe-core clean at 1400 px and 375 px.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { tenantUrl } from "./support/hosts";

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n% e2e contract\n"), Buffer.alloc(300_000, 0x20), Buffer.from("\n%%EOF\n")]);
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(2_000, 0)]);

async function openDealOf(subdomain: string): Promise<string> {
  const tenant = await (await collection("tenants")).findOne({ subdomain });
  const deal = await (await collection("deals")).findOne({ tenant_id: tenant!._id, status: "under_contract" });
  expect(deal).not.toBeNull();
  return String(deal!._id);
}

async function audit(page: Page) {
  for (const width of [1400, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page), `at ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test("a disposition manager uploads a contract, downloads it, is refused a program, and deletes the contract", async ({ page }) => {
  test.slow();
  const dealId = await openDealOf("acme");
  await signIn(page, { email: "dispo@acme.example.com", password: DEMO_PASSWORD, next: `/deals/${dealId}` });
  const panel = page.getByTestId("deal-documents");
  await expect(panel.getByRole("heading", { name: "Documents" })).toBeVisible();

  await panel.getByLabel("Document type").selectOption("contract");
  await panel.getByLabel("File", { exact: true }).setInputFiles({ name: "E2E purchase agreement.pdf", mimeType: "application/pdf", buffer: PDF });
  await panel.getByRole("button", { name: "Upload" }).click();
  await expect(panel.getByRole("status")).toHaveText("E2E purchase agreement.pdf uploaded.", { timeout: 30_000 });
  const link = panel.getByRole("link", { name: /E2E purchase agreement\.pdf/ });
  await expect(link).toBeVisible();
  await expect(panel).toContainText("Contract · 293 KB");

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("E2E purchase agreement.pdf");
  expect(Buffer.compare(await readFile((await download.path())!), PDF)).toBe(0);

  // What is stored: the record, the deal's list, the bytes in GridFS with the tenant in their metadata.
  const stored = await (await collection("stored_files")).findOne({ filename: "E2E purchase agreement.pdf" });
  expect(stored).toMatchObject({ owner_type: "deal", content_type: "application/pdf", size: PDF.length, backend: "gridfs" });
  const blob = await (await collection("file_blobs.files")).findOne({ _id: stored!._id });
  expect(String(blob!.metadata.tenant_id)).toBe(String(stored!.tenant_id));

  await audit(page);

  // A program named .pdf: refused at its first piece, with the field's message.
  await panel.getByLabel("File", { exact: true }).setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: EXE });
  await panel.getByRole("button", { name: "Upload" }).click();
  await expect(panel.getByRole("alert")).toContainText("This file is a program, not a document");
  await expect(panel.getByLabel("File", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect(await (await collection("stored_files")).countDocuments({ filename: /invoice/ })).toBe(0);

  await panel.getByRole("button", { name: "Delete E2E purchase agreement.pdf" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this document?" });
  await dialog.getByRole("button", { name: "Delete document" }).click();
  await expect(panel.getByRole("link", { name: /E2E purchase agreement\.pdf/ })).toHaveCount(0);
  expect(await (await collection("stored_files")).countDocuments({ _id: stored!._id })).toBe(0);
  expect(await (await collection("file_blobs.chunks")).countDocuments({ files_id: stored!._id })).toBe(0);
});

test("another company's document answers not found, like a missing one", async ({ page }) => {
  test.slow();
  const dealId = await openDealOf("acme");
  await signIn(page, { email: "dispo@acme.example.com", password: DEMO_PASSWORD, next: `/deals/${dealId}` });
  const panel = page.getByTestId("deal-documents");
  await panel.getByLabel("Document type").selectOption("photo");
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
  await panel.getByLabel("File", { exact: true }).setInputFiles({ name: "front.png", mimeType: "image/png", buffer: png });
  await panel.getByRole("button", { name: "Upload" }).click();
  await expect(panel.getByRole("status")).toHaveText("front.png uploaded.", { timeout: 30_000 });
  const href = await panel.getByRole("link", { name: /front\.png/ }).getAttribute("href");
  expect(href).toMatch(new RegExp(`^/deals/${dealId}/documents/[0-9a-f]{24}$`));
  const missing = `/deals/${dealId}/documents/${"0".repeat(24)}`;

  await page.context().clearCookies();
  await signIn(page, { email: "admin@globex.example.com", password: DEMO_PASSWORD, host: "globex" });
  const theirs = await page.goto(tenantUrl("globex", href!));
  expect(theirs!.status()).toBe(404);
  const theirsBody = await theirs!.text();
  const nothing = await page.goto(tenantUrl("globex", missing));
  expect(nothing!.status()).toBe(404);
  expect(theirsBody).toBe(await nothing!.text());
});

test("the disposition dashboard shows its numbers in charts, words and tables, accessibly at both widths", async ({ page }) => {
  test.slow();
  await signIn(page, { email: "dispo@acme.example.com", password: DEMO_PASSWORD });
  await page.getByRole("link", { name: "Disposition dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Disposition dashboard", level: 1 })).toBeVisible();

  const tenant = await (await collection("tenants")).findOne({ subdomain: "acme" });
  const deals = await collection("deals");
  const closed = await deals.countDocuments({ tenant_id: tenant!._id, status: "closed" });
  const byStatus = page.getByTestId("chart-deals-by-status");
  await expect(byStatus.locator("figcaption")).toContainText(`Closed: ${closed.toLocaleString("en-US")}`);
  await byStatus.getByText("Show the numbers").click();
  await expect(byStatus.getByRole("row", { name: new RegExp(`^Closed ${closed}`) })).toBeVisible();
  await expect(page.getByTestId("chart-fees-profit").locator("figcaption")).not.toBeEmpty();
  await expect(page.getByTestId("dispo-no-buyer")).toHaveText(/^\d+$/);
  await audit(page);

  // Reps have no such page.
  await page.context().clearCookies();
  await signIn(page, { email: "rep@acme.example.com", password: DEMO_PASSWORD });
  const res = await page.goto("/deals/dashboard");
  expect(res!.status()).toBe(404);
});
