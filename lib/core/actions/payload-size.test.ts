import { describe, expect, it, vi } from "vitest";
import { ACTION_BODY_LIMIT, sendChecked, tooLargeForAction } from "./payload-size";

const tenMB = "x".repeat(10 * 1024 * 1024);

describe("tooLargeForAction", () => {
  it("lets an ordinary form through", () => {
    expect(tooLargeForAction({ deal_id: "d1", notes: "call back Tuesday", purchase_price: "120000" })).toBeNull();
  });

  it("names the field holding 10 MB of pasted text, by its label", () => {
    const res = tooLargeForAction({ deal_id: "d1", notes: tenMB, purchase_price: "1" }, { notes: "Notes" });
    expect(res?.error).toMatch(/^Notes is too long to save \(10,485,760 characters\)/);
    expect(Object.keys(res!.fieldErrors)).toEqual(["notes"]);
  });

  it("names a nested field by its last key made readable, keyed by its dotted path as the server keys it", () => {
    const res = tooLargeForAction({ id: "b1", contact: { name: "Ann", notes: tenMB } });
    expect(Object.keys(res!.fieldErrors)).toEqual(["contact.notes"]);
    expect(res!.error).toMatch(/^Notes is too long/);
  });

  it("counts bytes, not characters: 400,000 three-byte characters are over the limit", () => {
    expect(tooLargeForAction({ body: "€".repeat(400_000) })?.fieldErrors.body).toBeDefined();
    expect(3 * 400_000).toBeGreaterThan(ACTION_BODY_LIMIT);
  });

  it("checks a FormData by its entries' names", () => {
    const form = new FormData();
    form.set("name", "Acme");
    form.set("signature", tenMB);
    expect(tooLargeForAction(form)?.fieldErrors.signature?.[0]).toMatch(/^Signature is too long/);
  });
});

describe("sendChecked", () => {
  it("does not call the action when the input is too large, and calls it otherwise", async () => {
    const action = vi.fn(async (input: { text: string }) => ({ ok: true as const, data: input.text.length }));
    const refused = await sendChecked(action, { text: tenMB }, { text: "Note" });
    expect(refused.ok).toBe(false);
    expect(action).not.toHaveBeenCalled();
    expect(await sendChecked(action, { text: "hi" })).toEqual({ ok: true, data: 2 });
  });
});
