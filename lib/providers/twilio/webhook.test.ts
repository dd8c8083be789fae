// Signed provider webhooks through withProviderWebhook and the Twilio verifier, with signatures
// made by the real twilio SDK: the company is the one that owns the number called, the signature
// must be made with that company's token over the public URL, and the handler acts as the system.
import twilio from "twilio";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { requirePermission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { addTenantPhoneNumber, setTwilioAccount } from "@/lib/providers/twilio/twilio-account";
import { twilioWebhook } from "@/lib/providers/twilio/webhook";
import { createTenant } from "@/lib/testing/factories";
import { TwilioAccount } from "@/models/twilio-account";
import { POST as ping } from "@/app/api/webhooks/twilio/ping/route";
import { withProviderWebhook } from "@/lib/core/api/with-webhook";

process.env.APP_SECRET_KEY ??= "vitest-only-encryption-key-not-for-production";

type Company = { ctx: TenantContext; number: string; sid: string; token: string };

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");
let seq = 0;
async function company(): Promise<Company> {
  const { ctx } = await createTenant();
  const admin = { ...ctx, role: "admin" as const };
  seq += 1;
  const number = `+1214555${1000 + seq}`;
  const sid = `AC${hex(32)}`;
  const token = hex(32);
  await setTwilioAccount(admin, { accountSid: sid, authToken: token });
  expect(await addTenantPhoneNumber(admin, number)).toBe(number);
  return { ctx, number, sid, token };
}

const URL_CALLED = "http://hooks.localhost:3000/api/webhooks/twilio/ping";

function inbound(c: Company, overrides: Record<string, string> = {}) {
  return { MessageSid: `SM${hex(32)}`, AccountSid: c.sid, From: "+13125550111", To: c.number, Body: "Is the house still for sale?", NumMedia: "0", ...overrides };
}

/** The request Twilio would send: form-encoded params, signed with `token` over `signedUrl`. */
function twilioRequest(params: Record<string, string>, token: string | null, { url = URL_CALLED, signedUrl = url, headers = {} }: { url?: string; signedUrl?: string; headers?: Record<string, string> } = {}) {
  const h: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", host: new URL(url).host, ...headers };
  if (token) h["x-twilio-signature"] = twilio.getExpectedTwilioSignature(token, signedUrl, params);
  return new Request(url, { method: "POST", headers: h, body: new URLSearchParams(params).toString() });
}

let acme: Company;
let globex: Company;
let seen: TenantContext[] = [];
const capture = withProviderWebhook(twilioWebhook, async (_req, ctx, event) => {
  seen.push(ctx);
  return Response.json({ tenant: ctx.tenantId, ref: event.ref, body: event.params.Body });
});

beforeAll(async () => {
  acme = await company();
  globex = await company();
});

afterEach(() => {
  seen = [];
  delete process.env.TRUST_PROXY;
});

describe("Twilio webhooks", () => {
  it("a valid signature reaches the handler as the system, in the company that owns the number", async () => {
    const params = inbound(acme);
    const res = await capture(twilioRequest(params, acme.token));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tenant: acme.ctx.tenantId, ref: params.MessageSid, body: params.Body });
    expect(seen[0].actor).toEqual({ kind: "system", source: "webhook", ref: params.MessageSid, label: "Twilio webhook" });
    // The webhook does what conversations need, nothing more.
    expect(() => requirePermission(seen[0], "communications.write")).not.toThrow();
    expect(() => requirePermission(seen[0], "settings.manage")).toThrow();

    const pinged = await ping(twilioRequest(inbound(acme), acme.token));
    expect(pinged.status).toBe(200);
    expect(pinged.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await pinged.text()).toBe("<Response/>");
  });

  it("a missing or forged signature, or one altered after signing, is 403 and the handler never runs", async () => {
    const missing = await capture(twilioRequest(inbound(acme), null));
    const forged = await capture(twilioRequest(inbound(acme), hex(32)));
    const params = inbound(acme);
    const signed = twilioRequest(params, acme.token);
    const altered = new Request(signed.url, { method: "POST", headers: signed.headers, body: new URLSearchParams({ ...params, Body: "STOP" }).toString() });
    const otherUrl = await capture(twilioRequest(inbound(acme), acme.token, { signedUrl: "http://hooks.localhost:3000/api/webhooks/twilio/other" }));
    for (const res of [missing, forged, await capture(altered), otherUrl]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "forbidden", message: "The request signature is not valid." } });
    }
    expect(seen).toEqual([]);
  });

  it("one company's token cannot sign for another company's number, nor with another account's SID", async () => {
    expect((await capture(twilioRequest(inbound(globex), acme.token))).status).toBe(403);
    expect((await capture(twilioRequest(inbound(acme), globex.token))).status).toBe(403);
    expect((await capture(twilioRequest(inbound(acme, { AccountSid: globex.sid }), acme.token))).status).toBe(403);
    expect(seen).toEqual([]);
  });

  it("a number no company owns is 404 and says nothing more", async () => {
    const unknown = await capture(twilioRequest(inbound(acme, { To: "+19995550000" }), acme.token));
    const garbage = await capture(twilioRequest(inbound(acme, { To: "acme" }), acme.token));
    for (const res of [unknown, garbage]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
    }
    expect(seen).toEqual([]);
  });

  it("the public URL behind a trusted proxy is the one Twilio signed; untrusted forwarded headers are ignored", async () => {
    const publicUrl = "https://hooks.example.com/api/webhooks/twilio/ping";
    const behindProxy = (params: Record<string, string>) =>
      twilioRequest(params, acme.token, { url: "http://10.0.0.5:3000/api/webhooks/twilio/ping", signedUrl: publicUrl, headers: { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.com" } });
    expect((await capture(behindProxy(inbound(acme)))).status).toBe(403);
    process.env.TRUST_PROXY = "1";
    expect((await capture(behindProxy(inbound(acme)))).status).toBe(200);
  });

  it("during a token rotation both tokens are accepted; the tokens are stored sealed", async () => {
    const next = hex(32);
    await setTwilioAccount({ ...acme.ctx, role: "admin" }, { accountSid: acme.sid, authToken: next, secondaryAuthToken: acme.token });
    expect((await capture(twilioRequest(inbound(acme), next))).status).toBe(200);
    expect((await capture(twilioRequest(inbound(acme), acme.token))).status).toBe(200);
    const raw = await TwilioAccount.collection.findOne({ tenant_id: TwilioAccount.castObject({ tenant_id: acme.ctx.tenantId }).tenant_id });
    expect(JSON.stringify(raw)).not.toContain(next);
    expect(JSON.stringify(raw)).not.toContain(acme.token);
    await setTwilioAccount({ ...acme.ctx, role: "admin" }, { accountSid: acme.sid, authToken: acme.token });
    expect((await capture(twilioRequest(inbound(acme), next))).status).toBe(403);
  });

  it("a number belongs to one company", async () => {
    await expect(addTenantPhoneNumber({ ...globex.ctx, role: "admin" }, acme.number)).rejects.toMatchObject({ code: "conflict" });
    await expect(addTenantPhoneNumber({ ...globex.ctx, role: "acquisition_rep" }, "+12145559999")).rejects.toMatchObject({ code: "forbidden" });
  });
});
