import { expect, test, type Page } from "@playwright/test";
import { ObjectId } from "mongodb";
import { DEMO_PASSWORD } from "../lib/seed/demo-users";
import { signIn } from "./support/auth";
import { seriousViolations } from "./support/axe";
import { collection } from "./support/db";
import { createLeadIn } from "./support/leads";
import { placeNow } from "./support/places";

// Texting through the local Twilio the browser tests start (scripts/e2e-server.mjs), on the demo
// company acme, which is connected to it as a simulated account. Everything is awaited by what the
// page shows; nothing waits a fixed time.
const expectLive = expect.configure({ timeout: 30_000 });

async function send(page: Page, text: string) {
  const compose = page.getByRole("form", { name: "Send a text" });
  await compose.getByLabel("Message").fill(text);
  await compose.getByRole("button", { name: /Send text|Schedule text/ }).click();
}

test.describe("texting and the inbox", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, { email: "admin@acme.example.com", password: DEMO_PASSWORD });
  });

  test("text a lead, watch it deliver, the lead replies live, STOP refuses every later text", async ({ page }) => {
    test.setTimeout(180_000);
    const { place, open } = placeNow();
    const lead = await createLeadIn(page, `Pat Texter ${Date.now() % 100000}`, place);
    await page.goto(`/leads/${lead.id}`);
    const thread = page.getByTestId("conversation-thread");
    await expectLive(thread.getByText("No messages or calls yet.")).toBeVisible();
    await expect(thread.getByTestId("sending-status")).toContainText("Simulated Twilio");

    // live segment count and the first-text warnings while typing
    await page.getByRole("form", { name: "Send a text" }).getByLabel("Message").fill("We buy houses! Cash offer now");
    await expect(page.getByTestId("segment-count")).toContainText("1 segment · GSM-7");
    await expect(page.getByTestId("content-warning").first()).toBeVisible();

    await send(page, "Hi {{first_name}}, Ada with Acme about {{property_address}}. Reply STOP to opt out.");
    if (open) {
      await expectLive(page.getByTestId("compose-result")).toHaveText("Sending…");
      const item = thread.getByTestId("thread-item").filter({ hasText: "Hi Pat, Ada with Acme about 12 Oak St" });
      await expectLive(item.getByTestId("message-status")).toHaveText("Delivered");
    } else {
      // No US zone is in its working day: a lead where it is night gets the text in its morning, and the sender is told why.
      await expectLive(page.getByTestId("compose-result")).toContainText("Deferred to");
    }

    // The lead replies (a signed inbound webhook from the local Twilio): shown without a reload.
    const replyBox = page.getByRole("form", { name: "Simulated reply (development only)" });
    await replyBox.getByRole("textbox").fill("Maybe. What would you offer?");
    await replyBox.getByRole("button", { name: "Reply as lead" }).click();
    await expectLive(thread.getByTestId("thread-item").filter({ hasText: "Maybe. What would you offer?" })).toBeVisible();

    // A photo by MMS: shown inline from our own route (the local Twilio's media, read with the
    // company's credentials), with alt text, a link a keyboard reaches to open it full size.
    await replyBox.getByRole("textbox").fill("Here is the roof");
    await replyBox.getByLabel("With a photo").check();
    await replyBox.getByRole("button", { name: "Reply as lead" }).click();
    const photoItem = thread.getByTestId("thread-item").filter({ hasText: "Here is the roof" });
    const photo = photoItem.getByRole("img", { name: /^Photo 1 from Pat Texter/ });
    await expectLive(photo).toBeVisible();
    await expectLive.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const photoLink = photoItem.getByRole("link", { name: /^Photo 1 from Pat Texter.*open full size$/ });
    await photoLink.focus();
    await expect(photoLink).toBeFocused();
    const href = await photoLink.getAttribute("href");
    expect(href).toMatch(/^\/api\/communications\/[0-9a-f]{24}\/media\/0$/);
    // Opened full size, with the member's session (from the page: Node does not resolve *.localhost).
    const full = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get("content-type") };
    }, href!);
    expect(full).toEqual({ status: 200, type: "image/png" });

    // In the inbox too, newest first, opened with the keyboard.
    await page.goto("/inbox");
    const row = page.getByTestId("conversation-row").filter({ hasText: "Pat Texter" }).first();
    await expectLive(row).toBeVisible();
    await expect(page.getByTestId("conversation-row").first()).toContainText("Pat Texter");
    await page.getByTestId("conversation-row").first().focus();
    await page.keyboard.press("Enter");
    await expectLive(page.getByRole("heading", { name: /Conversation with Pat Texter/ })).toBeVisible();
    await expectLive(page.getByText("Maybe. What would you offer?")).toBeVisible();
    await expectLive(page.getByRole("img", { name: /^Photo 1 from Pat Texter/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1400, height: 900 });

    // STOP: the number is opted out at once; a text is refused with a clear message.
    const inboxReply = page.getByRole("form", { name: "Simulated reply (development only)" });
    await inboxReply.getByRole("textbox").fill("STOP");
    await inboxReply.getByRole("button", { name: "Reply as lead" }).click();
    await expectLive(page.getByTestId("thread-item").filter({ hasText: /^.*STOP$/ }).first()).toBeVisible();
    await expectLive(async () => {
      await send(page, "Are you still there?");
      await expect(page.getByTestId("compose-result")).toContainText(/opted out|STOP/i, { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("thread-item").filter({ hasText: "Are you still there?" })).toHaveCount(0);
  });

  test("schedule a text for tomorrow, see it listed, cancel it; the thread and template editor pass axe", async ({ page }) => {
    test.setTimeout(120_000);
    const lead = await createLeadIn(page, `Sky Planner ${Date.now() % 100000}`, placeNow().place);
    await page.goto(`/leads/${lead.id}`);
    const compose = page.getByRole("form", { name: "Send a text" });
    await compose.getByLabel("Send later").check();
    const tomorrow = new Date(Date.now() + 26 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    await compose.getByLabel("Send at").fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T12:00`);
    await send(page, "Hi {{first_name}}, Ada with Acme. Reply STOP to opt out.");
    await expectLive(page.getByTestId("compose-result")).toContainText(/Scheduled for|Deferred to/);
    const scheduled = page.getByTestId("scheduled-texts");
    await expectLive(scheduled).toContainText("Hi Sky, Ada with Acme.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1400, height: 900 });

    // Editable until sent: the words, then cancelled.
    await scheduled.getByRole("button", { name: "Edit text" }).click();
    await scheduled.getByLabel("Scheduled text").fill("Hi Sky, Ada with Acme again. Reply STOP to opt out.");
    await scheduled.getByRole("button", { name: "Save text" }).click();
    await expectLive(page.getByText("Scheduled text changed.")).toBeVisible();
    await expectLive(scheduled).toContainText("Ada with Acme again.");

    await scheduled.getByRole("button", { name: "Cancel text" }).click();
    await expectLive(page.getByText("Scheduled text cancelled.")).toBeVisible();
    await expect(page.getByTestId("scheduled-texts")).toHaveCount(0);
    const stored = await (await collection("communications")).findOne({ recipient_id: new ObjectId(lead.id) });
    expect(stored?.status).toBe("canceled");

    // A missing value is refused, naming it (no "Hi ," reaches a seller).
    await send(page, "Hi {{first_name}}, about {{custom.roof_age}}");
    await expectLive(page.getByTestId("compose-result")).toContainText("{{custom.roof_age}}");

    await page.goto("/settings/templates");
    await page.getByRole("button", { name: /First text/ }).first().click();
    await expect(page.getByLabel("Content")).not.toHaveValue("");
    await expect(page.getByTestId("template-segments")).toContainText("segment");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("company hours stricter than the law: saved with every error shown, then cleared; compliance and Twilio settings pass axe", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/settings/compliance");
    const form = page.getByRole("form", { name: "Company hours" });
    await form.getByLabel("Use our own, stricter hours").check();
    const weekdays = form.getByRole("group", { name: "Monday to Friday" });
    await weekdays.getByLabel("From").selectOption("19");
    await weekdays.getByLabel("Until").selectOption("9");
    await form.getByRole("button", { name: "Save hours" }).click();
    await expectLive(form.getByText("The end must be after the start")).toBeVisible();

    await weekdays.getByLabel("From").selectOption("9");
    await weekdays.getByLabel("Until").selectOption("19");
    await form.getByRole("group", { name: "Sunday" }).getByLabel("Text and call on Sundays").uncheck();
    await form.getByRole("button", { name: "Save hours" }).click();
    await expectLive(form.getByRole("status")).toHaveText("Saved: Mon–Fri 9 am to 7 pm · Sat 9 am to 7 pm · Sun none · holidays none.");
    for (const width of [1400, 375]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
    await form.getByLabel("Use our own, stricter hours").uncheck();
    await form.getByRole("button", { name: "Save hours" }).click();
    await expectLive(form.getByRole("status")).toHaveText("Saved: the law's hours only.");

    await page.goto("/settings/twilio");
    await expect(page.getByRole("heading", { name: "Twilio", level: 1 })).toBeVisible();
    await expect(page.getByTestId("sending-status")).toContainText("Simulated");
    for (const width of [1400, 375]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
