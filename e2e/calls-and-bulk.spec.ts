import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { createLeadIn } from "./support/leads";
import { placeNow } from "./support/places";

// Calling a lead and bulk texting a saved view, as a rep works, against the local Twilio the
// browser tests start (scripts/e2e-server.mjs): it rings the rep's phone, dials the lead and posts
// signed call status callbacks; texts go through the job worker. Nothing waits a fixed time.
const expectLive = expect.configure({ timeout: 30_000 });

async function axeAtBothWidths(page: Page) {
  for (const width of [1400, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test.describe("calls and bulk texts", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD });
  });

  test("call a lead from its page with the keyboard: the call moves to its end without a reload, then its outcome is logged", async ({ page }) => {
    test.setTimeout(60_000);
    const { place, open } = placeNow();
    const name = `Cal Caller ${Date.now() % 100000}`;
    const lead = await createLeadIn(page, name, place);
    await page.goto(`/leads/${lead.id}`);
    const thread = page.getByTestId("conversation-thread");
    await expectLive(thread.getByText("No messages or calls yet.")).toBeVisible();

    const call = thread.getByRole("button", { name: `Call ${name}` });
    await call.focus();
    await page.keyboard.press("Enter");
    if (!open) {
      // Night where the lead is: a live call cannot wait, so it is refused saying when it may be made.
      await expectLive(thread.getByRole("status").filter({ hasText: "Calling is allowed from" })).toBeVisible();
      await expect(thread.getByTestId("thread-item")).toHaveCount(0);
      return;
    }
    await expectLive(thread.getByText(`Calling your phone now; answer it to be connected to ${name}.`)).toBeVisible();
    // The local Twilio rings the rep, dials the lead (the <Dial> result) and completes the call;
    // each signed callback moves the call in the thread, which updates by itself.
    const item = thread.getByTestId("thread-item").filter({ hasText: "Outgoing call" });
    await expectLive(item.getByTestId("message-status")).toHaveText("Answered");
    await expect(item).toContainText("Outgoing call, answered, 37 s");

    // How it went, with the keyboard too; the thread with the call and its form passes axe.
    const log = item.getByRole("form", { name: "Log this call" });
    await expect(log).toBeVisible();
    await axeAtBothWidths(page);
    await log.getByRole("button", { name: "Save outcome" }).focus();
    await page.keyboard.press("Enter");
    await expect(log.getByRole("alert")).toHaveText("Choose how the call went.");
    await log.getByLabel("How did it go?").selectOption({ label: "Talked" });
    await log.getByLabel("Call note (optional)").fill("Motivated; call back Friday");
    await log.getByRole("button", { name: "Save outcome" }).focus();
    await page.keyboard.press("Enter");
    await expectLive(item.getByTestId("call-outcome")).toHaveText("Outcome: Talked · Motivated; call back Friday");
    await expect(item.getByRole("form", { name: "Log this call" })).toHaveCount(0);
    const stored = await (await collection("communications")).findOne({ recipient_id: new ObjectId(lead.id), type: "call" });
    expect(stored).toMatchObject({ status: "answered", duration: 37, disposition: "talked", note: "Motivated; call back Friday" });
  });

  test("bulk text a saved view: the summary adds up, the lead that replied STOP is skipped with the reason, sending again texts nobody twice", async ({ page }) => {
    test.setTimeout(90_000);
    const { place, open } = placeNow();
    const token = `Bulkrun${Date.now() % 1000000}`;
    const rae = await createLeadIn(page, `Rae ${token}`, place);
    const stopped = await createLeadIn(page, `Sam ${token}`, place);
    const unreachable = await createLeadIn(page, `Ty ${token}`, place, { wrongNumber: true });

    // Sam replies STOP (a signed inbound webhook from the local Twilio): opted out at once.
    await page.goto(`/leads/${stopped.id}`);
    const reply = page.getByRole("form", { name: "Simulated reply (development only)" });
    await reply.getByRole("textbox").fill("STOP");
    await reply.getByRole("button", { name: "Reply as lead" }).click();
    await expectLive(page.getByTestId("thread-item").filter({ hasText: "STOP" })).toBeVisible();

    // A saved view of the three, made on the lead list as a rep does.
    await page.goto("/leads");
    await page.getByRole("searchbox", { name: /Search leads/ }).fill(token);
    await expectLive(page).toHaveURL(new RegExp(`[?&]q=${token}`));
    await expectLive(page.getByRole("row").filter({ hasText: `Sam ${token}` })).toBeVisible();
    const viewName = `Bulk ${token}`;
    await page.getByRole("button", { name: "Save view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save this view" });
    await dialog.getByLabel("Name").fill(viewName);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expectLive(page.getByRole("heading", { level: 1, name: viewName })).toBeVisible();

    // From the inbox to the bulk page; nothing is chosen for the rep.
    await page.goto("/inbox");
    await page.getByRole("link", { name: "Bulk text" }).click();
    await expectLive(page.getByRole("heading", { level: 1, name: "Bulk text" })).toBeVisible();
    const form = page.getByRole("form", { name: "Bulk text" });
    await expect(form.getByTestId("bulk-recipients")).toContainText("Choose who gets the text");
    await form.getByLabel("Send to").selectOption({ label: `Saved view: ${viewName}` });
    await expectLive(form.getByTestId("bulk-recipients")).toHaveText("3 leads now; each is checked before its text goes.");
    const words = `Hi {{first_name}}, Ada with Acme about your house (${token}). Reply STOP to opt out.`;
    await form.getByLabel("Message").fill(words);
    await axeAtBothWidths(page);

    // A double click starts one bulk.
    await form.getByRole("button", { name: "Send to 3 leads" }).dblclick();
    const summary = page.getByTestId("bulk-summary");
    await expectLive(summary.getByRole("heading", { name: "Done" })).toBeVisible();
    const counts = open ? "3 of 3 handled: 1 queued to send, 0 scheduled, 0 deferred, 2 skipped." : "3 of 3 handled: 0 queued to send, 0 scheduled, 1 deferred, 2 skipped.";
    await expect(summary.getByTestId("bulk-counts")).toHaveText(counts);
    const reasons = summary.getByTestId("bulk-reasons");
    await expect(reasons.getByRole("listitem").filter({ hasText: /^1 skipped: .*STOP/ })).toHaveCount(1);
    await expect(reasons.getByRole("listitem").filter({ hasText: /^1 skipped: .*wrong number/ })).toHaveCount(1);
    if (!open) await expect(reasons.getByRole("listitem").filter({ hasText: /^1 deferred: / })).toHaveCount(1);
    await axeAtBothWidths(page);

    const texts = await collection("communications");
    const toOpen = await texts.find({ recipient_id: new ObjectId(rae.id), type: "sms", direction: "outbound" }).toArray();
    expect(toOpen.map((t) => t.content)).toEqual([`Hi Rae, Ada with Acme about your house (${token}). Reply STOP to opt out.`]);
    expect(await texts.countDocuments({ recipient_id: { $in: [new ObjectId(stopped.id), new ObjectId(unreachable.id)] }, direction: "outbound" })).toBe(0);

    // The rep sends it again (back to the page, the same view and words): nobody gets it twice.
    await page.goto("/inbox/bulk");
    await form.getByLabel("Send to").selectOption({ label: `Saved view: ${viewName}` });
    await expectLive(form.getByTestId("bulk-recipients")).toHaveText("3 leads now; each is checked before its text goes.");
    await form.getByLabel("Message").fill(words);
    await form.getByRole("button", { name: "Send to 3 leads" }).click();
    await expectLive(summary.getByRole("heading", { name: "Done" })).toBeVisible();
    await expect(summary.getByTestId("bulk-counts")).toHaveText("3 of 3 handled: 0 queued to send, 0 scheduled, 0 deferred, 3 skipped.");
    await expect(summary.getByTestId("bulk-reasons")).toContainText("1 skipped: These words already went (or are set to go) to this lead in the last 24 hours.");
    expect(await texts.countDocuments({ recipient_id: new ObjectId(rae.id), type: "sms", direction: "outbound" })).toBe(1);
  });
});
