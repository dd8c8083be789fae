// A buyer's proof of funds through its route, with real session cookies (only next/headers is
// replaced): a file bigger than the proxy's 10 MB request limit arrives in pieces through
// /api/v1/uploads, as a deal's documents do; FILE_MAX_MB still caps it with a clear message; a
// refused date keeps the upload; another company's buyer and a rep get nothing.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSignInMember, tenantSessionFor } from "@/lib/testing/sign-in";
import { effectivePermissions } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { request } from "@/lib/testing/mock-next-headers";
import { createTenant } from "@/lib/testing/factories";
import { exeBytes, pdfBytes } from "@/lib/storage/testing/files";
import { listFiles } from "@/lib/storage";
import { Buyer } from "@/models/buyer";
import { FileUpload } from "@/models/file-upload";
import { POST as startUploadRoute } from "@/app/api/v1/uploads/route";
import { PUT as putPartRoute } from "@/app/api/v1/uploads/[id]/parts/[seq]/route";
import { GET as downloadRoute, POST as setRoute } from "@/app/api/v1/buyers/[id]/proof-of-funds/route";

vi.mock("next/headers", () => import("@/lib/testing/mock-next-headers"));

type Workspace = { host: string; admin: TenantContext; sessions: Record<string, string>; buyerId: string };

async function workspace(): Promise<Workspace> {
  const { ctx, tenant } = await createTenant();
  const sessions: Record<string, string> = {};
  const roles: Record<string, Role> = { dispo: "disposition_manager", rep: "acquisition_rep" };
  for (const [name, role] of Object.entries(roles)) {
    const m = await createSignInMember(ctx, { role });
    sessions[name] = await tenantSessionFor(ctx.tenantId, m.id);
  }
  const buyer = await scoped(ctx, Buyer).create({ name: "Cash Carl", phone: `+1972555${String(Math.floor(Math.random() * 9000) + 1000)}`, property_types: ["single_family"] });
  return { host: `${tenant.subdomain}.localhost:3000`, admin: { ...ctx, permissions: effectivePermissions("admin") }, sessions, buyerId: String(buyer._id) };
}

function actAs(ws: Workspace, member: string) {
  request.host = ws.host;
  request.cookie = ws.sessions[member];
}

const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

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

const setProof = (buyerId: string, body: unknown) => setRoute(new Request(`http://x/api/v1/buyers/${buyerId}/proof-of-funds`, json(body)), params({ id: buyerId }));
const download = (buyerId: string) => downloadRoute(new Request(`http://x/api/v1/buyers/${buyerId}/proof-of-funds`), params({ id: buyerId }));

let acme: Workspace;
let globex: Workspace;
beforeAll(async () => {
  acme = await workspace();
  globex = await workspace();
});
afterEach(() => {
  delete process.env.FILE_MAX_MB;
});

describe("proof of funds upload", () => {
  it("takes a 12 MB PDF in pieces (past the proxy's 10 MB request limit) and serves it back", async () => {
    actAs(acme, "dispo");
    const pdf = pdfBytes(12 * 1024 * 1024);
    const up = await upload(pdf, "Bank letter.pdf");
    expect(up).toMatchObject({ status: 200, body: { parts: 4 } }); // 4 MB pieces
    const res = await setProof(acme.buyerId, { upload_id: up.id, expires_at: inAMonth() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, data: { fileName: "Bank letter.pdf", expiresAt: `${inAMonth()}T23:59:59.000Z` } });
    const buyer = await scoped(acme.admin, Buyer).findById(acme.buyerId).lean();
    expect(buyer?.proof_of_funds).toMatchObject({ file_name: "Bank letter.pdf", content_type: "application/pdf", size: pdf.length });
    expect(await scoped(acme.admin, FileUpload).countDocuments({ filename: "Bank letter.pdf" })).toBe(0);

    const got = await download(acme.buyerId);
    expect(got.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await got.arrayBuffer()), Buffer.from(pdf))).toBe(0);
  });

  it("still caps the file at FILE_MAX_MB, saying so before anything is sent", async () => {
    actAs(acme, "dispo");
    process.env.FILE_MAX_MB = "2";
    const up = await upload(pdfBytes(3 * 1024 * 1024), "big.pdf");
    expect(up.status).toBe(400);
    expect(up.body.error).toMatchObject({ message: expect.stringMatching(/3\.0 MB; the most an upload takes is 2 MB/), fields: { file: [expect.stringMatching(/2 MB/)] } });
    expect(await scoped(acme.admin, FileUpload).countDocuments({ filename: "big.pdf" })).toBe(0);
  });

  it("keeps the upload when the date is refused, so the corrected form sends it again; a program is refused", async () => {
    actAs(acme, "dispo");
    const up = await upload(pdfBytes(1000), "pof.pdf");
    const refused = await setProof(acme.buyerId, { upload_id: up.id, expires_at: "2020-01-01" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toEqual({ expires_at: ["Expiry date must not be in the past"] });
    expect((await setProof(acme.buyerId, { upload_id: up.id, expires_at: inAMonth() })).status).toBe(200);

    const exe = await upload(exeBytes(), "statement.pdf");
    expect(exe.status).toBe(400);
    expect(exe.body.error.fields.file[0]).toMatch(/program/);
    // The old multipart form is answered with what to do instead.
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(pdfBytes(100))]), "pof.pdf");
    const multipart = await setRoute(new Request(`http://x/api/v1/buyers/${acme.buyerId}/proof-of-funds`, { method: "POST", body: form }), params({ id: acme.buyerId }));
    expect(multipart.status).toBe(400);
    expect((await multipart.json()).error.message).toMatch(/in pieces through \/api\/v1\/uploads/);
  });

  it("answers another company's buyer as missing and refuses a rep, changing nothing", async () => {
    actAs(globex, "dispo");
    const up = await upload(pdfBytes(1000), "pof.pdf");
    const foreign = await setProof(acme.buyerId, { upload_id: up.id, expires_at: inAMonth() });
    expect(foreign.status).toBe(404);
    expect((await download(acme.buyerId)).status).toBe(404);
    actAs(acme, "rep");
    const rep = await setProof(acme.buyerId, { upload_id: up.id, expires_at: inAMonth() });
    expect(rep.status).toBe(403);
    // Another person's upload is not theirs to take either.
    actAs(acme, "dispo");
    expect((await setProof(acme.buyerId, { upload_id: up.id, expires_at: inAMonth() })).status).toBe(404);
    expect(await listFiles(globex.admin, { type: "buyer", id: acme.buyerId })).toEqual([]);
  });
});
