// The import route handlers with a real session cookie through withTenant (next/headers is the
// only thing replaced): another tenant's import, or a rep's import seen by another rep, is 404
// on every route, and nothing is stored.
import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { request } from "@/lib/testing/mock-next-headers";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { effectivePermissions } from "@/lib/core/permissions";
import { createImport, storeImportChunk } from "@/lib/leads/import/imports";
import { closeLeadImportQueue } from "@/lib/leads/import/queue";
import { createTenant } from "@/lib/testing/factories";
import { LeadImport, LeadImportChunk } from "@/models/lead-import";
import { PUT as putChunk } from "./[id]/chunks/[seq]/route";
import { GET as getReport } from "./[id]/report/route";
import { GET as getImport } from "./[id]/route";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

type Member = { ctx: TenantContext; session: string };
type Workspace = { host: string; members: Record<string, Member> };

async function workspace(roles: Record<string, "admin" | "acquisition_rep">): Promise<Workspace> {
  const { ctx, tenant } = await createTenant();
  const members: Record<string, Member> = {};
  for (const [name, role] of Object.entries(roles)) {
    const m = await createSignInMember(ctx, { role });
    members[name] = { ctx: { tenantId: ctx.tenantId, userId: m.id, role, permissions: effectivePermissions(role) }, session: await tenantSessionFor(ctx.tenantId, m.id) };
  }
  return { host: `${tenant.subdomain}.localhost:3000`, members };
}

function actAs(ws: Workspace, member: string | null) {
  request.host = ws.host;
  request.cookie = member ? ws.members[member].session : undefined;
}

const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const get = (id: string) => getImport(new Request(`http://x/api/v1/imports/${id}`), params({ id }));
const report = (id: string) => getReport(new Request(`http://x/api/v1/imports/${id}/report`), params({ id }));
const put = (id: string, seq = "0") =>
  putChunk(new Request(`http://x/api/v1/imports/${id}/chunks/${seq}`, { method: "PUT", body: new Uint8Array([110, 97, 109, 101, 10]), headers: { "content-length": "5" } }), params({ id, seq }));

let acme: Workspace;
let globex: Workspace;
let globexImport: string;
let rep2Import: string;

beforeAll(async () => {
  acme = await workspace({ admin: "admin", rep: "acquisition_rep", rep2: "acquisition_rep" });
  globex = await workspace({ admin: "admin" });
  globexImport = (await createImport(globex.members.admin.ctx, { file_name: "theirs.csv", file_size: 10 })).id;
  rep2Import = (await createImport(acme.members.rep2.ctx, { file_name: "rep2.csv", file_size: 11 })).id;
  await storeImportChunk(acme.members.rep2.ctx, rep2Import, 0, new TextEncoder().encode("name,phone\n"));
});

beforeEach(() => {
  request.host = "";
  request.cookie = undefined;
});

async function importState(ctx: TenantContext, id: string) {
  return {
    doc: await scoped(ctx, LeadImport).findById(id).lean(),
    chunks: await scoped(ctx, LeadImportChunk).find({ import_id: id }).lean(),
  };
}

describe("/api/v1/imports/[id] routes", () => {
  it("answer 404 for another tenant's import on every route, and store nothing", async () => {
    const before = await importState(globex.members.admin.ctx, globexImport);
    actAs(acme, "admin");
    for (const res of [await get(globexImport), await report(globexImport), await put(globexImport)]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    expect(await importState(globex.members.admin.ctx, globexImport)).toEqual(before);
    expect(await scoped(acme.members.admin.ctx, LeadImportChunk).countDocuments({})).toBe(1);
  });

  it("answer 404 to a rep for another rep's import (reps see their own imports), and store nothing", async () => {
    const before = await importState(acme.members.admin.ctx, rep2Import);
    actAs(acme, "rep");
    for (const res of [await get(rep2Import), await report(rep2Import), await put(rep2Import)]) expect(res.status).toBe(404);
    expect(await importState(acme.members.admin.ctx, rep2Import)).toEqual(before);

    actAs(acme, "rep2");
    expect((await get(rep2Import)).status).toBe(200);
    actAs(acme, "admin");
    expect(await (await get(rep2Import)).json()).toMatchObject({ id: rep2Import, fileName: "rep2.csv" });
  });

  it("refuse a file piece over 4 MB while it arrives, also sent without a length, and store nothing", async () => {
    const before = await importState(acme.members.admin.ctx, rep2Import);
    actAs(acme, "rep2");
    const piece = new Uint8Array(1 << 20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(piece);
        else controller.close();
      },
    });
    const res = await putChunk(new Request(`http://x/api/v1/imports/${rep2Import}/chunks/1`, { method: "PUT", body, duplex: "half" } as RequestInit), params({ id: rep2Import, seq: "1" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "bad_request", message: "File part too large." } });
    expect(sent).toBeLessThan(7);
    expect(await importState(acme.members.admin.ctx, rep2Import)).toEqual(before);
  });

  it("answer 404 for an id that does not exist or is malformed, 401 without a session", async () => {
    actAs(acme, "admin");
    expect((await get(new Types.ObjectId().toHexString())).status).toBe(404);
    expect((await get("not-an-id")).status).toBe(404);
    expect((await report("../../leads")).status).toBe(404);
    actAs(acme, null);
    expect((await get(rep2Import)).status).toBe(401);
    expect((await put(rep2Import)).status).toBe(401);
  });
});
