// The import page's server actions through tenantAction with a real session cookie: another
// tenant's import, or another rep's, is not found by every action and stays as it was.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { effectivePermissions } from "@/lib/core/permissions";
import { request } from "@/lib/testing/mock-next-headers";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { analyzeImport, createImport, storeImportChunk } from "@/lib/leads/import/imports";
import { closeLeadImportQueue } from "@/lib/leads/import/queue";
import { createTenant } from "@/lib/testing/factories";
import { LeadImport, LeadImportChunk } from "@/models/lead-import";
import { analyzeImportAction, cancelImportAction, previewImportAction, resumeImportAction, startImportAction } from "./actions";

process.env.BULLMQ_PREFIX = `test-${randomBytes(4).toString("hex")}`;
afterAll(closeLeadImportQueue);

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

type Member = { ctx: TenantContext; session: string };

async function member(tenant: { ctx: TenantContext }, role: "admin" | "acquisition_rep"): Promise<Member> {
  const m = await createSignInMember(tenant.ctx, { role });
  return { ctx: { tenantId: tenant.ctx.tenantId, userId: m.id, role, permissions: effectivePermissions(role) }, session: await tenantSessionFor(tenant.ctx.tenantId, m.id) };
}

let acmeHost: string;
let acmeAdmin: Member;
let acmeRep: Member;
let globexImport: string;
let rep2Import: string;
let globexCtx: TenantContext;
let acmeCtx: TenantContext;

/** An import with its file read and its mapping guessed, ready to start. */
async function readyImport(ctx: TenantContext): Promise<string> {
  const csv = new TextEncoder().encode("Name,Phone\nPat Seller,2145550142\n");
  const { id } = await createImport(ctx, { file_name: "list.csv", file_size: csv.length });
  await storeImportChunk(ctx, id, 0, csv);
  await analyzeImport(ctx, id, 1);
  return id;
}

beforeAll(async () => {
  const acme = await createTenant();
  const globex = await createTenant();
  acmeCtx = acme.ctx;
  globexCtx = globex.ctx;
  acmeHost = `${acme.tenant.subdomain}.localhost:3000`;
  acmeAdmin = await member(acme, "admin");
  acmeRep = await member(acme, "acquisition_rep");
  globexImport = await readyImport((await member(globex, "admin")).ctx);
  rep2Import = await readyImport((await member(acme, "acquisition_rep")).ctx);
});

const settingsFor = (importId: string) => ({ import_id: importId, mapping: [{ column: 0, target: "name" }, { column: 1, target: "phone" }], dedupe: "skip", tags: [] });

function everyAction(importId: string) {
  const settings = settingsFor(importId);
  return {
    analyze: () => analyzeImportAction({ import_id: importId, chunk_count: 1 }),
    preview: () => previewImportAction(settings),
    start: () => startImportAction(settings),
    resume: () => resumeImportAction({ import_id: importId }),
    cancel: () => cancelImportAction({ import_id: importId }),
  };
}

const stateOf = async (ctx: TenantContext, id: string) => ({
  doc: await scoped(ctx, LeadImport).findById(id).lean(),
  chunks: await scoped(ctx, LeadImportChunk).countDocuments({ import_id: id }),
});

describe("import actions", () => {
  it("answer not found for another tenant's import, and change nothing", async () => {
    const before = await stateOf(globexCtx, globexImport);
    request.host = acmeHost;
    request.cookie = acmeAdmin.session;
    for (const [name, call] of Object.entries(everyAction(globexImport))) {
      expect({ name, result: await call() }).toMatchObject({ name, result: { ok: false, code: "not_found" } });
    }
    expect(await stateOf(globexCtx, globexImport)).toEqual(before);
  });

  it("answer not found to a rep for another rep's import, and change nothing; its owner's admin sees it", async () => {
    const before = await stateOf(acmeCtx, rep2Import);
    request.host = acmeHost;
    request.cookie = acmeRep.session;
    for (const [name, call] of Object.entries(everyAction(rep2Import))) {
      expect({ name, result: await call() }).toMatchObject({ name, result: { ok: false, code: "not_found" } });
    }
    expect(await stateOf(acmeCtx, rep2Import)).toEqual(before);
    request.cookie = acmeAdmin.session;
    expect(await previewImportAction(settingsFor(rep2Import))).toMatchObject({ ok: true, data: { valid: 1 } });
  });
});
