import mongoose from "mongoose";
import { Types } from "mongoose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTenant } from "@/lib/testing/factories";
import { deleteFile, deleteTenantFiles, getFileInfo, listFiles, openFile, putFile } from "./index";
import { GRIDFS_BUCKET } from "./gridfs";
import { startFakeS3, type FakeS3 } from "./testing/s3-server";
import { bigPdfStream, docxBytes, exeBytes, pdfBytes, pngBytes } from "./testing/files";

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

const chunks = () => mongoose.connection.db!.collection(`${GRIDFS_BUCKET}.chunks`);
const files = () => mongoose.connection.db!.collection(`${GRIDFS_BUCKET}.files`);

function suite(backend: "gridfs" | "s3") {
  describe(`file storage on ${backend}`, () => {
    let s3: FakeS3 | null = null;
    const saved = { ...process.env };
    beforeAll(async () => {
      if (backend === "s3") {
        s3 = await startFakeS3({ bucket: "docs", accessKeyId: "AKTEST", secretAccessKey: "secret/key+1", region: "eu-west-1" });
        Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_BUCKET: "docs", S3_ACCESS_KEY_ID: "AKTEST", S3_SECRET_ACCESS_KEY: "secret/key+1", S3_REGION: "eu-west-1", S3_PREFIX: "dc/" });
      }
    });
    afterAll(async () => {
      process.env = saved;
      await s3?.close();
    });

    it("stores, lists, reads and deletes a file of an owner, with its checked type, size and hash", async () => {
      const { ctx } = await createTenant();
      const owner = { type: "deal" as const, id: String(new Types.ObjectId()) };
      const pdf = pdfBytes(3 * 1024 * 1024);
      const userId = String(new Types.ObjectId());
      const info = await putFile(ctx, { owner, filename: "../Contract.PDF", uploadedBy: userId, labels: { document_type: "contract" } }, [pdf.subarray(0, 5), pdf.subarray(5)]);
      expect(info).toMatchObject({ owner, filename: "Contract.PDF", contentType: "application/pdf", kind: "pdf", size: pdf.length, uploadedBy: userId, labels: { document_type: "contract" } });
      const second = await putFile(ctx, { owner, filename: "front.png" }, pngBytes());
      expect((await listFiles(ctx, owner)).map((f) => f.id)).toEqual([info.id, second.id]);
      expect(await listFiles(ctx, { type: "deal", id: String(new Types.ObjectId()) })).toEqual([]);

      const opened = await openFile(ctx, info.id);
      expect(opened?.info).toEqual(info);
      expect(Buffer.compare(await readAll(opened!.body), Buffer.from(pdf))).toBe(0);

      if (backend === "gridfs") {
        const stored = await files().findOne({ _id: new Types.ObjectId(info.id) });
        expect(String(stored?.metadata?.tenant_id)).toBe(ctx.tenantId);
        expect(await chunks().countDocuments({ files_id: new Types.ObjectId(info.id) })).toBe(4);
      } else {
        expect([...s3!.objects.keys()]).toContain(`dc/tenants/${ctx.tenantId}/${info.id}`);
      }

      expect(await deleteFile(ctx, info.id)).toBe(true);
      expect(await openFile(ctx, info.id)).toBeNull();
      expect(await deleteFile(ctx, info.id)).toBe(false);
      if (backend === "gridfs") expect(await chunks().countDocuments({ files_id: new Types.ObjectId(info.id) })).toBe(0);
      else expect([...s3!.objects.keys()]).not.toContain(`dc/tenants/${ctx.tenantId}/${info.id}`);
      expect((await listFiles(ctx, owner)).map((f) => f.id)).toEqual([second.id]);
    });

    it("answers another tenant's file id, or a malformed one, as missing, and leaves the file alone", async () => {
      const a = await createTenant();
      const b = await createTenant();
      const owner = { type: "deal" as const, id: String(new Types.ObjectId()) };
      const info = await putFile(a.ctx, { owner, filename: "a.pdf" }, pdfBytes());
      expect(await openFile(b.ctx, info.id)).toBeNull();
      expect(await getFileInfo(b.ctx, info.id)).toBeNull();
      expect(await deleteFile(b.ctx, info.id)).toBe(false);
      expect(await listFiles(b.ctx, owner)).toEqual([]);
      for (const bad of ["nope", "", "{\"$ne\":null}", `${info.id}x`]) expect(await openFile(a.ctx, bad)).toBeNull();
      expect(await readAll((await openFile(a.ctx, info.id))!.body)).toHaveLength(pdfBytes().length);
    });

    it("refuses an executable named .pdf and a 200 MB upload, keeping nothing", async () => {
      const { ctx } = await createTenant();
      const owner = { type: "deal" as const, id: String(new Types.ObjectId()) };
      const before = backend === "gridfs" ? await chunks().countDocuments({}) : s3!.objects.size;
      await expect(putFile(ctx, { owner, filename: "contract.pdf", field: "contract" }, exeBytes())).rejects.toMatchObject({ code: "bad_request", fieldErrors: { contract: [expect.stringContaining("program")] } });
      const { body, state } = bigPdfStream(200 * 1024 * 1024);
      await expect(putFile(ctx, { owner, filename: "huge.pdf", maxBytes: 25 * 1024 * 1024 }, body)).rejects.toMatchObject({ fieldErrors: { file: [expect.stringContaining("larger than 25 MB")] } });
      expect(state.pulled).toBeLessThan(27 * 1024 * 1024);
      expect(await listFiles(ctx, owner)).toEqual([]);
      expect(backend === "gridfs" ? await chunks().countDocuments({}) : s3!.objects.size).toBe(before);
    });

    it("takes Word documents by their entries and deletes a whole tenant's files", async () => {
      const { ctx } = await createTenant();
      const other = await createTenant();
      const owner = { type: "buyer" as const, id: String(new Types.ObjectId()) };
      const doc = await putFile(ctx, { owner, filename: "Proof of funds" }, docxBytes());
      expect(doc).toMatchObject({ kind: "docx", filename: "Proof of funds.docx" });
      const kept = await putFile(other.ctx, { owner, filename: "b.png" }, pngBytes());
      await deleteTenantFiles(ctx);
      expect(await openFile(ctx, doc.id)).toBeNull();
      expect(await listFiles(ctx, owner)).toEqual([]);
      expect(await openFile(other.ctx, kept.id)).not.toBeNull();
    });
  });
}

suite("gridfs");
suite("s3");

describe("the loopback S3 server", () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3({ bucket: "docs", accessKeyId: "AKTEST", secretAccessKey: "right", region: "us-east-1" });
  });
  afterEach(() => {
    delete process.env.S3_BUCKET;
  });
  afterAll(() => s3.close());

  it("refuses a request signed with the wrong secret, and the upload fails", async () => {
    Object.assign(process.env, { S3_ENDPOINT: s3.endpoint, S3_BUCKET: "docs", S3_ACCESS_KEY_ID: "AKTEST", S3_SECRET_ACCESS_KEY: "wrong", S3_REGION: "us-east-1" });
    const { ctx } = await createTenant();
    await expect(putFile(ctx, { owner: { type: "deal", id: String(new Types.ObjectId()) }, filename: "a.pdf" }, pdfBytes())).rejects.toThrow(/403 SignatureDoesNotMatch/);
    expect(s3.objects.size).toBe(0);
  });
});
