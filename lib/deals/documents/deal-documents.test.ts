// Deal documents end to end through the route handlers, with real session cookies (only
// next/headers is replaced): upload in pieces, attach, list, download, delete; another company's
// deal or file, a file of another deal, and a rep who may not change deals all get nothing.
import { Types } from "mongoose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { effectivePermissions } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { request } from "@/lib/testing/mock-next-headers";
import { createTenant } from "@/lib/testing/factories";
import { docxBytes, exeBytes, pdfBytes, pngBytes } from "@/lib/storage/testing/files";
import { listFiles } from "@/lib/storage";
import { Activity } from "@/models/activity";
import { Deal } from "@/models/deal";
import { FileUpload, FileUploadPart } from "@/models/file-upload";
import { Lead } from "@/models/lead";
import { POST as startUploadRoute } from "@/app/api/v1/uploads/route";
import { PUT as putPartRoute } from "@/app/api/v1/uploads/[id]/parts/[seq]/route";
import { DELETE as discardRoute } from "@/app/api/v1/uploads/[id]/route";
import { GET as listRoute, POST as attachRoute } from "@/app/api/v1/deals/[id]/documents/route";
import { DELETE as deleteRoute } from "@/app/api/v1/deals/[id]/documents/[docId]/route";
import { GET as downloadRoute } from "@/app/t/[host]/deals/[id]/documents/[docId]/route";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

type Member = { ctx: TenantContext; session: string };
type Workspace = { host: string; admin: TenantContext; members: Record<string, Member>; dealId: string; repLeadDealId: string };

async function workspace(): Promise<Workspace> {
  const { ctx, tenant } = await createTenant();
  const members: Record<string, Member> = {};
  const roles: Record<string, Role> = { dispo: "disposition_manager", rep: "acquisition_rep", rep2: "acquisition_rep" };
  for (const [name, role] of Object.entries(roles)) {
    const m = await createSignInMember(ctx, { role });
    members[name] = { ctx: { tenantId: ctx.tenantId, userId: m.id, role, permissions: effectivePermissions(role) }, session: await tenantSessionFor(ctx.tenantId, m.id) };
  }
  const lead = await scoped(ctx, Lead).create({ name: "Seller", phone: `+1214555${String(Math.floor(Math.random() * 9000) + 1000)}`, status: "under_contract", assigned_to: new Types.ObjectId(members.rep.ctx.userId) });
  const deal = await scoped(ctx, Deal).create({ status: "under_contract", property_address: { street: "1 Elm St", city: "Dallas", state: "TX" } });
  const repDeal = await scoped(ctx, Deal).create({ status: "under_contract", lead_id: lead._id });
  return { host: `${tenant.subdomain}.localhost:3000`, admin: ctx, members, dealId: String(deal._id), repLeadDealId: String(repDeal._id) };
}

function actAs(ws: Workspace, member: string) {
  request.host = ws.host;
  request.cookie = ws.members[member].session;
}

const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function upload(bytes: Uint8Array, filename: string): Promise<{ id: string; status: number; body: any }> {
  const res = await startUploadRoute(new Request("http://x/api/v1/uploads", json({ filename, size: bytes.length })), params({}));
  const started = await res.json();
  if (res.status !== 201) return { id: "", status: res.status, body: started };
  for (let seq = 0; seq < started.parts; seq++) {
    const piece = bytes.subarray(seq * started.chunkBytes, (seq + 1) * started.chunkBytes);
    const put = await putPartRoute(new Request(`http://x/api/v1/uploads/${started.id}/parts/${seq}`, { method: "PUT", body: new Uint8Array(piece), headers: { "content-length": String(piece.length) } }), params({ id: started.id, seq: String(seq) }));
    if (put.status !== 200) return { id: started.id, status: put.status, body: await put.json() };
  }
  return { id: started.id, status: 200, body: started };
}

const attach = (dealId: string, uploadId: string, type: string) => attachRoute(new Request(`http://x/api/v1/deals/${dealId}/documents`, json({ upload_id: uploadId, type })), params({ id: dealId }));
const download = (dealId: string, docId: string) => downloadRoute(new Request(`http://x/deals/${dealId}/documents/${docId}`), params({ host: "x", id: dealId, docId }));
const list = (dealId: string) => listRoute(new Request(`http://x/api/v1/deals/${dealId}/documents`), params({ id: dealId }));

let acme: Workspace;
let globex: Workspace;
beforeAll(async () => {
  acme = await workspace();
  globex = await workspace();
});

describe("deal documents", () => {
  it("uploads a 5 MB contract in pieces, lists it, streams it back to members who see the deal, and deletes it", async () => {
    actAs(acme, "dispo");
    const pdf = pdfBytes(5 * 1024 * 1024);
    const up = await upload(pdf, "Purchase agreement.pdf");
    expect(up.status).toBe(200);
    expect(up.body.parts).toBe(2);
    const res = await attach(acme.dealId, up.id, "contract");
    expect(res.status).toBe(201);
    const { document } = await res.json();
    expect(document).toMatchObject({ name: "Purchase agreement.pdf", type: "contract", contentType: "application/pdf", size: pdf.length, href: `/deals/${acme.dealId}/documents/${document.id}` });
    // The upload's pieces are gone once taken in.
    expect(await scoped(acme.admin, FileUploadPart).countDocuments({ upload_id: new Types.ObjectId(up.id) })).toBe(0);
    expect(await scoped(acme.admin, FileUpload).countDocuments({})).toBe(0);

    const listed = await (await list(acme.dealId)).json();
    expect(listed.documents.map((d: { id: string }) => d.id)).toEqual([document.id]);

    const got = await download(acme.dealId, document.id);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(got.headers.get("content-disposition")).toContain('attachment; filename="Purchase agreement.pdf"');
    expect(Buffer.compare(Buffer.from(await got.arrayBuffer()), Buffer.from(pdf))).toBe(0);

    const activity = await scoped(acme.admin, Activity).findOne({ entity_id: new Types.ObjectId(acme.dealId), type: "deal_document_added" }).lean();
    expect(activity?.description).toBe("Contract added: Purchase agreement.pdf");

    // A rep who does not see this deal (not their lead) gets 404, like a missing file.
    actAs(acme, "rep");
    expect((await download(acme.dealId, document.id)).status).toBe(404);
    actAs(acme, "dispo");
    const del = await deleteRoute(new Request(`http://x/api/v1/deals/${acme.dealId}/documents/${document.id}`, { method: "DELETE" }), params({ id: acme.dealId, docId: document.id }));
    expect(del.status).toBe(204);
    expect((await download(acme.dealId, document.id)).status).toBe(404);
    expect(await listFiles(acme.admin, { type: "deal", id: acme.dealId })).toEqual([]);
    expect((await scoped(acme.admin, Deal).findById(acme.dealId).lean())!.documents).toEqual([]);
  });

  it("answers another company's deal and document ids as missing, and a file of another deal too", async () => {
    actAs(globex, "dispo");
    const up = await upload(pngBytes(), "front.png");
    const theirs = (await (await attach(globex.dealId, up.id, "photo")).json()).document;

    actAs(acme, "dispo");
    expect((await download(globex.dealId, theirs.id)).status).toBe(404);
    expect((await download(acme.dealId, theirs.id)).status).toBe(404);
    expect((await list(globex.dealId)).status).toBe(404);
    const del = await deleteRoute(new Request("http://x", { method: "DELETE" }), params({ id: globex.dealId, docId: theirs.id }));
    expect(del.status).toBe(404);
    // Attaching my upload to their deal: not found, and my upload is left for me.
    const mine = await upload(pdfBytes(), "mine.pdf");
    expect((await attach(globex.dealId, mine.id, "contract")).status).toBe(404);
    // Their upload to my deal: not found either.
    actAs(globex, "dispo");
    const theirUpload = await upload(pdfBytes(), "theirs.pdf");
    actAs(acme, "dispo");
    expect((await attach(acme.dealId, theirUpload.id, "contract")).status).toBe(404);

    // A file of one deal through another deal of the same company: not found.
    const other = await scoped(acme.admin, Deal).create({ status: "pending" });
    const a = (await (await attach(acme.dealId, mine.id, "contract")).json()).document;
    expect((await download(String(other._id), a.id)).status).toBe(404);

    actAs(globex, "dispo");
    const back = await download(globex.dealId, theirs.id);
    expect(back.status).toBe(200);
    expect(Buffer.from(await back.arrayBuffer())).toHaveLength(pngBytes().length);
  });

  it("refuses an executable renamed .pdf at its first piece, a photo that is not an image, a bad type and a 200 MB file, saving nothing", async () => {
    actAs(acme, "dispo");
    const before = (await scoped(acme.admin, Deal).findById(acme.dealId).lean())!.documents?.length ?? 0;
    const exe = await upload(exeBytes(), "contract.pdf");
    expect(exe.status).toBe(400);
    expect(exe.body.error.fields.file[0]).toContain("program");

    const huge = await startUploadRoute(new Request("http://x/api/v1/uploads", json({ filename: "huge.pdf", size: 200 * 1024 * 1024 })), params({}));
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.fields.file[0]).toContain("the most an upload takes is 25 MB");

    const doc = await upload(docxBytes(), "notes.docx");
    const asPhoto = await attach(acme.dealId, doc.id, "photo");
    expect(asPhoto.status).toBe(400);
    expect((await asPhoto.json()).error.fields.file[0]).toContain("not accepted here");

    const png = await upload(pngBytes(), "x.png");
    const badType = await attach(acme.dealId, png.id, "SFR");
    expect(badType.status).toBe(400);
    expect((await badType.json()).error.fields.type[0]).toContain("Document type must be one of");

    expect((await scoped(acme.admin, Deal).findById(acme.dealId).lean())!.documents?.length ?? 0).toBe(before);
  });

  it("lets a rep read the documents of their own lead's deal but never change them", async () => {
    actAs(acme, "dispo");
    const up = await upload(pdfBytes(), "psa.pdf");
    const doc = (await (await attach(acme.repLeadDealId, up.id, "contract")).json()).document;
    actAs(acme, "rep");
    expect((await download(acme.repLeadDealId, doc.id)).status).toBe(200);
    const repUpload = await upload(pdfBytes(), "mine.pdf");
    expect((await attach(acme.repLeadDealId, repUpload.id, "other")).status).toBe(403);
    const del = await deleteRoute(new Request("http://x", { method: "DELETE" }), params({ id: acme.repLeadDealId, docId: doc.id }));
    expect(del.status).toBe(403);
    actAs(acme, "rep2");
    expect((await download(acme.repLeadDealId, doc.id)).status).toBe(404);
  });

  it("lets only the person who started an upload discard it", async () => {
    actAs(acme, "rep");
    const up = await upload(pdfBytes(), "mine.pdf");
    const discard = () => discardRoute(new Request(`http://x/api/v1/uploads/${up.id}`, { method: "DELETE" }), params({ id: up.id }));
    actAs(acme, "rep2");
    expect((await discard()).status).toBe(404);
    expect(await scoped(acme.admin, FileUpload).countDocuments({ _id: up.id })).toBe(1);
    expect(await scoped(acme.admin, FileUploadPart).countDocuments({ upload_id: up.id })).toBe(1);
    actAs(acme, "rep");
    expect((await discard()).status).toBe(204);
    expect(await scoped(acme.admin, FileUpload).countDocuments({ _id: up.id })).toBe(0);
  });

  it("keeps both of two documents attached at the same time", async () => {
    actAs(acme, "dispo");
    const [a, b] = [await upload(pdfBytes(), "a.pdf"), await upload(pngBytes(), "b.png")];
    const fresh = await scoped(acme.admin, Deal).create({ status: "pending" });
    const id = String(fresh._id);
    const results = await Promise.all([attach(id, a.id, "contract"), attach(id, b.id, "photo")]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const names = ((await scoped(acme.admin, Deal).findById(id).lean())!.documents ?? []).map((d) => d.name).sort();
    expect(names).toEqual(["a.pdf", "b.png"]);
  });
});
