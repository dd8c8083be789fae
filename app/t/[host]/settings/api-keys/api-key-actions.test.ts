// The API key settings actions called as the browser calls them (a session cookie on the
// workspace host through tenantAction): an admin creates a key from the form's fields and revokes
// it; a rep is refused and nothing is stored; another company's key is not found.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createApiKey } from "@/lib/api-keys/manage-api-keys";
import { hashApiKey } from "@/lib/core/api-keys/secret";
import { createTenant } from "@/lib/testing/factories";
import { request } from "@/lib/testing/mock-next-headers";
import { ApiKey } from "@/models/api-key";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

let ctx: TenantContext;
let host: string;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  const t = await createTenant();
  ctx = t.ctx;
  host = `${t.tenant.subdomain}.localhost:3000`;
  for (const role of ["admin", "acquisition_rep"] as const) sessions[role] = await tenantSessionFor(ctx.tenantId, (await createSignInMember(ctx, { role })).id);
});

function form(fields: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

describe("API key settings actions", () => {
  it("an admin creates a key with the ticked scopes (secret returned once, only its hash stored) and revokes it", async () => {
    request.host = host;
    request.cookie = sessions.admin;
    const created = await createApiKeyAction(null, form([["name", "Zapier"], ["scopes", "leads.read"], ["scopes", "leads.write"]]));
    if (!created.ok) throw new Error(created.error);
    const stored = await scoped(ctx, ApiKey).findById(created.data.id).lean();
    expect(stored).toMatchObject({ name: "Zapier", scopes: ["leads.read", "leads.write"], key_hash: hashApiKey(created.data.secret) });
    expect(await revokeApiKeyAction(null, form([["keyId", created.data.id]]))).toMatchObject({ ok: true });
    expect((await scoped(ctx, ApiKey).findById(created.data.id).lean())?.revoked_at).toBeInstanceOf(Date);
  });

  it("returns every field error: no name, no scope", async () => {
    request.host = host;
    request.cookie = sessions.admin;
    const res = await createApiKeyAction(null, form([["name", " "]]));
    expect(res).toMatchObject({ ok: false, code: "bad_request", fieldErrors: { name: ["Name is required"], scopes: ["Choose at least one permission"] } });
  });

  it("a rep is refused and nothing is stored; another company's key is not found", async () => {
    request.host = host;
    request.cookie = sessions.acquisition_rep;
    const before = await scoped(ctx, ApiKey).countDocuments();
    expect(await createApiKeyAction(null, form([["name", "Mine"], ["scopes", "leads.read"]]))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await scoped(ctx, ApiKey).countDocuments()).toBe(before);

    const other = await createTenant();
    const theirs = await createApiKey({ ...other.ctx, role: "admin" }, { name: "Theirs", scopes: ["leads.read"] });
    request.cookie = sessions.admin;
    expect(await revokeApiKeyAction(null, form([["keyId", theirs.id]]))).toMatchObject({ ok: false, code: "not_found" });
    expect((await scoped(other.ctx, ApiKey).findById(theirs.id).lean())?.revoked_at).toBeUndefined();
  });
});
