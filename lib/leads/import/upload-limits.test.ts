import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { effectivePermissions } from "@/lib/core/permissions";
import { ABANDONED_UPLOAD_MS, MAX_PENDING_UPLOADS_PER_COMPANY, MAX_PENDING_UPLOADS_PER_USER, UPLOAD_CHUNK_BYTES } from "@/lib/uploads/limits";
import { LeadImport, LeadImportChunk } from "@/models/lead-import";
import { User } from "@/models/user";
import { createWorkspace } from "../write/test-helpers";
import { analyzeImport, cancelImport, createImport, listImports, PREVIEW_CHECKED_ROWS, startImport, storeImportChunk } from "./imports";
import { MAX_IMPORT_ROWS } from "./read-file";
import { purgeAbandonedImports } from "./upload-quota";

const MB = 1024 * 1024;

async function storedBytes(ctx: TenantContext, importId: string) {
  const chunks = await scoped(ctx, LeadImportChunk).find({ import_id: importId }).lean();
  return chunks.reduce((sum, c) => sum + ((c.data as unknown as { length?: number; buffer?: Uint8Array })?.buffer?.length ?? (c.data as unknown as Uint8Array).length), 0);
}

async function upload(ctx: TenantContext, bytes: Uint8Array, name = "leads.csv") {
  const { id, chunkSize } = await createImport(ctx, { file_name: name, file_size: bytes.length });
  for (let seq = 0; seq * chunkSize < bytes.length; seq++) await storeImportChunk(ctx, id, seq, bytes.subarray(seq * chunkSize, (seq + 1) * chunkSize));
  return id;
}

let extra = 0;
async function moreReps(ws: Awaited<ReturnType<typeof createWorkspace>>, n: number): Promise<TenantContext[]> {
  const out: TenantContext[] = [];
  for (let i = 0; i < n; i++) {
    extra += 1;
    const u = await scoped({ tenantId: String(ws.tenant._id) }, User).create({ email: `extra${extra}@x.com`, name: `Extra ${extra}`, role: "acquisition_rep" });
    out.push({ tenantId: String(ws.tenant._id), userId: String(u._id), role: "acquisition_rep", permissions: effectivePermissions("acquisition_rep") });
  }
  return out;
}

describe("upload pieces", () => {
  it("refuses pieces past the declared size or of another size than the declared file's piece", async () => {
    const ws = await createWorkspace();
    const { id } = await createImport(ws.rep, { file_name: "tiny.csv", file_size: 10 });
    const fourMb = new Uint8Array(UPLOAD_CHUNK_BYTES).fill(65);
    for (let seq = 0; seq <= 12; seq++) {
      await expect(storeImportChunk(ws.rep, id, seq, fourMb)).rejects.toMatchObject({ status: 400 });
    }
    await expect(storeImportChunk(ws.rep, id, 1, new Uint8Array(1))).rejects.toThrow("a file of 10 bytes has 1 part");
    await expect(storeImportChunk(ws.rep, id, 0, new Uint8Array(9))).rejects.toThrow("File part 1 has 9 bytes");
    await storeImportChunk(ws.rep, id, 0, Buffer.from("Name,Phon\n"));
    expect(await storedBytes(ws.rep, id)).toBe(10);

    // A bigger file: every piece but the last is exactly one piece size.
    const { id: big } = await createImport(ws.rep, { file_name: "big.csv", file_size: UPLOAD_CHUNK_BYTES + 5 });
    await expect(storeImportChunk(ws.rep, big, 0, new Uint8Array(5))).rejects.toThrow(`must have ${UPLOAD_CHUNK_BYTES.toLocaleString("en-US")}`);
    await expect(storeImportChunk(ws.rep, big, 1, fourMb)).rejects.toThrow("must have 5");
    await expect(storeImportChunk(ws.rep, big, 2, new Uint8Array(5))).rejects.toThrow("has 2 parts");
  });

  it("refuses an empty or too big file before anything is stored", async () => {
    const ws = await createWorkspace();
    await expect(createImport(ws.rep, { file_name: "empty.csv", file_size: 0 })).rejects.toThrow("The file is empty.");
    await expect(createImport(ws.rep, { file_name: "huge.csv", file_size: 50 * MB + 1 })).rejects.toThrow("the most an upload takes is 50 MB");
    expect(await scoped(ws.rep, LeadImport).countDocuments({})).toBe(0);
  });
});

describe("pending uploads", () => {
  it("caps the imports waiting to be started per person, in number and bytes, with a clear message", async () => {
    const ws = await createWorkspace();
    for (let i = 0; i < MAX_PENDING_UPLOADS_PER_USER; i++) await createImport(ws.rep, { file_name: `list${i}.csv`, file_size: 10 });
    await expect(createImport(ws.rep, { file_name: "one-more.csv", file_size: 10 })).rejects.toThrow(`You have ${MAX_PENDING_UPLOADS_PER_USER} imports waiting to be finished; the most is ${MAX_PENDING_UPLOADS_PER_USER}. Finish or discard one of them first.`);
    // Another person of the company is not held back by the first one's uploads.
    await createImport(ws.rep2, { file_name: "mine.csv", file_size: 50 * MB });
    await createImport(ws.rep2, { file_name: "mine2.csv", file_size: 50 * MB });
    await expect(createImport(ws.rep2, { file_name: "mine3.csv", file_size: 1 })).rejects.toThrow("would pass the 100 MB limit");

    // Discarding one makes room again; a started import no longer counts.
    const [oldest] = await scoped(ws.rep, LeadImport).find({ user_id: ws.ids.rep }).sort({ created_at: 1 }).limit(1).lean();
    await cancelImport(ws.rep, String(oldest._id));
    await createImport(ws.rep, { file_name: "after-discard.csv", file_size: 10 });
  });

  it("caps a company's pending imports however many people upload (the probe's 100 pending imports)", async () => {
    const ws = await createWorkspace();
    const people = [ws.admin, ws.rep, ws.rep2, ...(await moreReps(ws, 20))];
    let created = 0;
    const refusals: string[] = [];
    for (let i = 0; i < 100; i++) {
      try {
        await createImport(people[i % people.length], { file_name: `spam${i}.csv`, file_size: 1000 });
        created += 1;
      } catch (err) {
        refusals.push((err as Error).message);
      }
    }
    expect(created).toBe(MAX_PENDING_UPLOADS_PER_COMPANY);
    expect(await scoped(ws.admin, LeadImport).countDocuments({})).toBe(MAX_PENDING_UPLOADS_PER_COMPANY);
    expect(refusals[0]).toMatch(/^Your company has 20 imports waiting to be finished; the most is 20\./);

    // Bytes too: five people with 50 MB each fill the company's 250 MB.
    const other = await createWorkspace();
    const five = [other.admin, other.rep, other.rep2, ...(await moreReps(other, 2))];
    for (const ctx of five) await createImport(ctx, { file_name: "big.csv", file_size: 50 * MB });
    const sixth = (await moreReps(other, 1))[0];
    await expect(createImport(sixth, { file_name: "small.csv", file_size: 1 })).rejects.toThrow("would pass the 250 MB limit");
  });
});

describe("abandoned uploads", () => {
  it("are purged with their files after a day, leave Recent imports, and imports that ran stay", async () => {
    const ws = await createWorkspace();
    const csv = Buffer.from("Name,Phone\nAnn,2145550101\n");
    const abandonedUpload = (await createImport(ws.rep, { file_name: "half.csv", file_size: 5 * MB })).id;
    await storeImportChunk(ws.rep, abandonedUpload, 0, new Uint8Array(UPLOAD_CHUNK_BYTES));
    const abandonedPreview = await upload(ws.rep, csv, "never-started.csv");
    await analyzeImport(ws.rep, abandonedPreview);
    const refused = await upload(ws.rep, Buffer.from("Name,Phone\n"), "header-only.csv");
    await expect(analyzeImport(ws.rep, refused)).rejects.toThrow("no data rows");
    const started = await upload(ws.rep, csv, "started.csv");
    const preview = await analyzeImport(ws.rep, started);
    await startImport(ws.rep, { import_id: started, mapping: preview.import.mapping, dedupe: "skip", tags: [] });

    // A refused file is neither kept nor listed; pending ones are listed until they are abandoned.
    expect(await storedBytes(ws.rep, refused)).toBe(0);
    expect((await listImports(ws.rep)).map((i) => i.fileName).sort()).toEqual(["half.csv", "never-started.csv", "started.csv"]);

    // Within the day nothing is purged.
    expect(await purgeAbandonedImports(ws.rep, new Date(Date.now() + ABANDONED_UPLOAD_MS - 60_000))).toBe(0);
    const later = new Date(Date.now() + ABANDONED_UPLOAD_MS + 60_000);
    expect(await purgeAbandonedImports(ws.rep, later)).toBe(3);
    expect((await scoped(ws.rep, LeadImport).find({}).lean()).map((i) => i.file_name)).toEqual(["started.csv"]);
    expect(await scoped(ws.rep, LeadImportChunk).countDocuments({ import_id: { $in: [abandonedUpload, abandonedPreview] } })).toBe(0);
    expect(await storedBytes(ws.rep, started)).toBe(csv.length);
    expect(await purgeAbandonedImports(ws.rep, later)).toBe(0);
  });
});

describe("big files", () => {
  it("refuses a file of more rows than an import takes, quickly and without holding up other requests", async () => {
    const ws = await createWorkspace();
    // The probe's file: one million tiny rows in 4 MB.
    const bytes = Buffer.from(`N,P\n${"a,1\n".repeat(999_999)}`);
    const id = await upload(ws.rep, bytes, "million.csv");
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    await expect(analyzeImport(ws.rep, id)).rejects.toThrow(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows; the most one import takes is ${MAX_IMPORT_ROWS.toLocaleString("en-US")}. Split the list into smaller files`);
    delay.disable();
    // The old reader held the event loop for the whole file (seconds); the stream hands it back every few ms.
    expect(delay.max / 1e6).toBeLessThan(500);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(await storedBytes(ws.rep, id)).toBe(0);
  });

  it("previews a big file from its first rows only, with the whole file's row count", async () => {
    const ws = await createWorkspace();
    const rows = Array.from({ length: 30_000 }, (_, i) => `Seller ${i},214${String(5550000 + i).padStart(7, "0")}`);
    const id = await upload(ws.rep, Buffer.from(`Name,Phone\n${rows.join("\n")}\n`), "big.csv");
    const preview = await analyzeImport(ws.rep, id);
    expect(preview.import.rowCount).toBe(30_000);
    expect(preview).toMatchObject({ checked: PREVIEW_CHECKED_ROWS, valid: PREVIEW_CHECKED_ROWS, invalid: 0 });
  });
});
