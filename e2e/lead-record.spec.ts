import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { capture, replay } from "./support/server-actions";

// What follows a server action (a database round trip, then the page rendered again) is awaited
// by its visible result, with room for a loaded machine; nothing waits a fixed time.
const expectServer = expect.configure({ timeout: 30_000 });

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

const leadIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

async function tenantId(subdomain: string): Promise<ObjectId> {
  return (await (await collection("tenants")).findOne({ subdomain }))!._id as ObjectId;
}

test.describe("lead record", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD });
  });

  test("a bad phone is refused with a field error and nothing is saved", async ({ page }) => {
    await createLead(page, "Edith Crane", phone(1), `${Date.now() % 10000} Willow Way`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Edith Crane" })).toBeVisible();

    await page.getByRole("button", { name: "Edit details" }).click();
    const primary = page.getByRole("group", { name: "Phone 1 (primary)" }).getByLabel("Number");
    await primary.fill("abc");
    await page.getByLabel("Name").fill("Changed Name");
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(page.getByText(/Enter a valid phone number/)).toBeVisible();
    await expect(primary).toHaveAttribute("aria-invalid", "true");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Edith Crane" })).toBeVisible();
  });

  test("several phones and e-mails: add one with its type and status, make it primary, remove one; the mailing address apart; accessible", async ({ page }) => {
    const first = phone(7);
    const second = `(817) 55${String(Date.now()).slice(-1)}-${String(1000 + ((Date.now() + 11) % 9000)).padStart(4, "0")}`;
    await createLead(page, "Gloria Phones", first, `${Date.now() % 10000} Glenwood Dr`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const id = new ObjectId(leadIdOf(page));

    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByRole("button", { name: "Add phone" }).click();
    const added = page.getByRole("group", { name: "Phone 2" });
    await added.getByLabel("Number").fill(second);
    await added.getByLabel("Type").selectOption("mobile");
    await page.getByRole("group", { name: "Phone 1 (primary)" }).getByLabel("Status").selectOption("wrong_number");
    await page.getByRole("button", { name: "Make phone 2 primary" }).click();
    await expect(page.getByRole("group", { name: "Phone 1 (primary)" }).getByLabel("Number")).toHaveValue(second);
    await page.getByRole("button", { name: "Add e-mail" }).click();
    await page.getByRole("group", { name: "E-mail 1 (primary)" }).getByLabel("Address").fill("gloria@example.net");
    await page.getByLabel("Mailing street").fill("PO Box 12");
    await page.getByLabel("Mailing city").fill("Denton");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save details" }).click();
    await expectServer(page.getByRole("status").getByText("Saved.")).toBeVisible();

    const stored = await (await collection("leads")).findOne({ _id: id });
    const e164 = (typed: string) => `+1${typed.replace(/\D/g, "")}`;
    expect(stored).toMatchObject({
      phone: e164(second),
      phones: [{ number: e164(second), type: "mobile", status: "active" }, { number: e164(first), type: "unknown", status: "wrong_number" }],
      email: "gloria@example.net",
      mailing_address: { street: "PO Box 12", city: "Denton" },
    });
    await expect(page.getByText("Wrong number")).toBeVisible();
    await expect(page.getByText("PO Box 12, Denton")).toBeVisible();

    // Remove the old number: one phone is left, and it cannot be removed.
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByRole("button", { name: "Remove phone 2" }).click();
    await expect(page.getByRole("button", { name: /Remove phone/ })).toHaveCount(0);
    await page.getByRole("button", { name: "Save details" }).click();
    await expectServer(page.getByRole("status").getByText("Saved.")).toBeVisible();
    expect((await (await collection("leads")).findOne({ _id: id }))?.phones).toEqual([{ number: e164(second), type: "mobile", status: "active" }]);
  });

  test("notes, status and follow-up show in the timeline; the page passes an accessibility audit", async ({ page }) => {
    await createLead(page, "Frank Ocampo", phone(2), `${Date.now() % 10000} Aspen Ct`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    await page.getByLabel("Add a note").fill("Seller wants to close in 30 days");
    await page.getByRole("button", { name: "Add note" }).click();
    await expectServer(page.getByRole("list", { name: "Timeline, newest first" }).getByText("Seller wants to close in 30 days")).toBeVisible();
    await page.getByLabel("Status").selectOption("contacted");
    await page.getByRole("button", { name: "Save status" }).click();
    await expectServer(page.getByText("Status: new → contacted")).toBeVisible();
    await page.getByRole("button", { name: "Tomorrow" }).click();
    await expectServer(page.getByText(/Follow-up scheduled for \w{3} \d{1,2}, \d{4}, 9:00\sAM/)).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a custom follow-up is saved once, with Set, not while its date is being typed", async ({ page }) => {
    await createLead(page, "Ivy Custom", phone(5), `${Date.now() % 10000} Birch Way`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const id = new ObjectId(leadIdOf(page));
    const scheduled = () => collection("activities").then((a) => a.countDocuments({ entity_id: id, description: "Follow-up scheduled" }));
    await page.getByRole("button", { name: "Custom…" }).click();
    const field = page.getByLabel("Follow-up date and time");
    await expect(field).toBeFocused();
    await field.fill("2031-04-15T10:30");
    expect(await scheduled()).toBe(0);
    await field.press("Enter");
    await expectServer(page.getByText(/Next follow-up: Apr 15, 2031, 10:30\sAM/)).toBeVisible();
    expect(await scheduled()).toBe(1);
  });

  test("the arrow keys on the status field change nothing until Save: a status change is deliberate", async ({ page }) => {
    await createLead(page, "Kim Arrowkey", phone(6), `${Date.now() % 10000} Elm St`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const id = new ObjectId(leadIdOf(page));
    const stored = async () => (await (await collection("leads")).findOne({ _id: id }))!.status;
    const logged = () => collection("activities").then((a) => a.countDocuments({ entity_id: id, type: "lead_status_changed" }));

    const status = page.getByLabel("Status");
    await status.focus();
    await page.keyboard.press("ArrowDown");
    await expect(status).toHaveValue("contacted");
    const save = page.getByRole("button", { name: "Save status" });
    await expect(save).toBeVisible();
    // Nothing was sent: the lead and its history are as they were.
    expect(await stored()).toBe("new");
    expect(await logged()).toBe(0);

    // Cancel puts the saved status back; Save (here Enter on the field) saves it once.
    await page.getByRole("button", { name: "Cancel status change" }).click();
    await expect(status).toHaveValue("new");
    await status.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(status).toHaveValue("under_contract");
    await page.keyboard.press("Enter");
    await expectServer(page.getByText("Status: new → under contract")).toBeVisible();
    await expect(save).toBeHidden();
    expect(await stored()).toBe("under_contract");
    expect(await logged()).toBe(1);
  });

  test("a follow-up in the past is refused, not saved; the timeline says for when one is scheduled", async ({ page }) => {
    await createLead(page, "Lena Pastdate", phone(7), `${Date.now() % 10000} Oak Row`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const id = new ObjectId(leadIdOf(page));
    await page.getByRole("button", { name: "Custom…" }).click();
    await page.getByLabel("Follow-up date and time").fill("2020-04-15T10:30");
    await page.getByRole("button", { name: "Set", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "already passed" })).toBeVisible();
    expect((await (await collection("leads")).findOne({ _id: id }))!.next_follow_up ?? null).toBeNull();

    await page.getByLabel("Follow-up date and time").fill("2031-04-15T10:30");
    await page.getByRole("button", { name: "Set", exact: true }).click();
    await expectServer(page.getByRole("list", { name: "Timeline, newest first" }).getByText(/Follow-up scheduled for Apr 15, 2031, 10:30\sAM/)).toBeVisible();
  });

  test("a dialog opens in the middle of the window, not in its top-left corner", async ({ page }) => {
    await createLead(page, "Mona Centred", phone(8), `${Date.now() % 10000} Pine Pl`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(4);
    expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThan(4);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  test("a duplicate is offered on create and merged from the lead page", async ({ page }) => {
    // A merge repoints every activity and conversation: several collection scans on FerretDB.
    test.slow();
    const p = phone(3);
    const street = `${Date.now() % 10000} Juniper Rd`;
    await createLead(page, "Gail Porter", p, street);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const keptUrl = page.url();

    await createLead(page, "Gail P.", p, "");
    await expectServer(page.getByText("This looks like a lead you already have")).toBeVisible();
    await page.getByRole("button", { name: "Create anyway" }).click();
    await page.waitForURL((url) => /\/leads\/[0-9a-f]{24}$/.test(url.pathname) && url.href !== keptUrl);
    const dupeUrl = page.url();
    await page.getByLabel("Add a note").fill("Note on the duplicate");
    await page.getByRole("button", { name: "Add note" }).click();
    await expectServer(page.getByText("Note on the duplicate")).toBeVisible();

    await page.goto(keptUrl);
    const dupes = page.getByRole("region", { name: "Possible duplicates" });
    await expect(dupes.getByText("Gail P.")).toBeVisible();
    await dupes.getByRole("button", { name: "Merge into this lead" }).click();
    const dialog = page.getByRole("dialog");
    // Which lead stays, and field by field which value wins (the names differ here).
    await expect(dialog.getByRole("group", { name: "Which lead stays?" })).toBeVisible();
    const name = dialog.getByRole("group", { name: "Name" });
    await expectServer(name.getByRole("radio", { name: /Gail Porter/ })).toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Merge" }).click();
    // The dialog closes when the merge has finished (it stays open, busy, until then).
    await expect(dialog).toBeHidden({ timeout: 90_000 });
    await expectServer(page.getByText(/Merged Gail P\. into this lead/)).toBeVisible();
    await expect(page.getByText("Note on the duplicate")).toBeVisible();
    await expect(page.getByRole("region", { name: "Possible duplicates" }).getByText("Gail P.")).toHaveCount(0);

    // The merged-away lead's old link says where it went, instead of a generic not-found.
    await page.goto(dupeUrl);
    await expect(page.getByRole("heading", { name: "This lead was merged" })).toBeVisible();
    await page.getByRole("link", { name: "Gail Porter" }).click();
    await expect(page).toHaveURL(keptUrl);
  });

  test("Delete asks first, goes to the list with Undo, and Undo brings the lead back as it was", async ({ page, browser }) => {
    test.slow();
    const tag = `e2e-delete-${Date.now() % 100000}`;
    await createLead(page, "Hank Deleted", phone(4), `${Date.now() % 10000} Cedar Ln`);
    await page.waitForURL(/\/leads\/[0-9a-f]{24}$/);
    const id = leadIdOf(page);
    await page.getByLabel("Add tag").fill(tag);
    await page.getByRole("button", { name: "Create and add" }).click();
    await expectServer(page.getByRole("button", { name: `Remove tag ${tag}` })).toBeVisible();
    await page.getByLabel("Add a note").fill("Call after 5pm");
    await page.getByRole("button", { name: "Add note" }).click();
    await expectServer(page.getByRole("list", { name: "Timeline, newest first" }).getByText("Call after 5pm")).toBeVisible();

    const leads = await collection("leads");
    const tags = await collection("tags");
    const before = await leads.findOne({ _id: new ObjectId(id) });
    const usage = async () => (await tags.findOne({ tenant_id: before!.tenant_id, name: tag }))?.usage_count;
    expect(await usage()).toBe(1);

    // Cancel leaves everything as it was, focus back on Delete.
    const deleteButton = page.getByRole("button", { name: "Delete", exact: true });
    await deleteButton.click();
    const dialog = page.getByRole("dialog", { name: "Delete “Hank Deleted”?" });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();

    await deleteButton.click();
    const deleteRequest = await capture(page, () => dialog.getByRole("button", { name: "Delete lead" }).click(), id);
    await page.waitForURL((url) => url.pathname === "/leads");
    await expectServer(page.getByText("Deleted “Hank Deleted”.")).toBeVisible();
    expect(await leads.findOne({ _id: new ObjectId(id) })).toBeNull();
    expect(await usage()).toBe(0);

    await page.getByRole("button", { name: "Undo" }).click();
    await expectServer(page.getByText("Restored “Hank Deleted”.")).toBeVisible();
    // As it was, but for its revision (the domain events' bookkeeping: the restore is a new change).
    const withoutRevision = (doc: Record<string, unknown> | null) => doc && Object.fromEntries(Object.entries(doc).filter(([k]) => k !== "rev"));
    expect(withoutRevision(await leads.findOne({ _id: new ObjectId(id) }))).toEqual(withoutRevision(before));
    const restored = await leads.findOne({ _id: new ObjectId(id) });
    expect(await usage()).toBe(1);
    await page.getByRole("button", { name: "Open lead" }).click();
    await page.waitForURL((url) => url.pathname === `/leads/${id}`);
    await expect(page.getByRole("list", { name: "Timeline, newest first" }).getByText("Call after 5pm")).toBeVisible();
    await expect(page.getByRole("button", { name: `Remove tag ${tag}` })).toBeVisible();

    // Sent directly: another tenant's lead is not found; a rep (no leads.delete) is refused.
    const globexLead = await leads.findOne({ tenant_id: await tenantId("globex") });
    expect(await replay(page, deleteRequest, deleteRequest.body.replace(id, String(globexLead!._id)))).toContain('"code":"not_found"');
    expect(await leads.findOne({ _id: globexLead!._id })).toEqual(globexLead);
    const repContext = await browser.newContext();
    const repPage = await repContext.newPage();
    await signIn(repPage, { email: "rep@acme.example.com", password: DEMO_PASSWORD });
    expect(await replay(repPage, deleteRequest)).toContain('"code":"forbidden"');
    expect(await leads.findOne({ _id: new ObjectId(id) })).toEqual(restored);
    await repContext.close();
  });

  test("another tenant's lead is not found: its page, and every action sent with its id", async ({ page }) => {
    const globexLead = await (await collection("leads")).findOne({ tenant_id: await tenantId("globex") });
    const activities = await collection("activities");
    const globexActivities = await activities.countDocuments({ entity_id: globexLead!._id });
    for (const id of ["000000000000000000000000", "not-an-id", String(globexLead!._id)]) {
      const res = await page.goto(`/leads/${id}`);
      expect(res?.status()).toBe(404);
    }

    // A note on a lead of our own, then the same request with the other tenant's lead id.
    const acmeLead = await (await collection("leads")).findOne({ tenant_id: await tenantId("acme") }, { sort: { created_at: -1 } });
    await page.goto(`/leads/${acmeLead!._id}`);
    await page.getByLabel("Add a note").fill("Checking tenant isolation");
    const note = await capture(page, () => page.getByRole("button", { name: "Add note" }).click(), String(acmeLead!._id));
    await expectServer(page.getByText("Checking tenant isolation")).toBeVisible();
    expect(await replay(page, note, note.body.replace(String(acmeLead!._id), String(globexLead!._id)))).toContain('"code":"not_found"');
    expect(await activities.countDocuments({ entity_id: globexLead!._id })).toBe(globexActivities);
  });
});
