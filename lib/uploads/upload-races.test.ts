// The upload limits (lib/uploads/limits.ts) under the probe's load: uploads started all at once,
// and one piece sent many times at once. Counting the pending uploads, then creating one, let 100
// simultaneous starts through caps of 5 a person and 20 a company; deleting a piece, then storing
// it, kept 14 copies of a piece sent 20 times at once.
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createImport, storeImportChunk } from "@/lib/leads/import/imports";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { putUploadPart, startUpload } from "@/lib/storage/uploads";
import { pdfBytes } from "@/lib/storage/testing/files";
import { FileUpload, FileUploadPart } from "@/models/file-upload";
import { LeadImport, LeadImportChunk } from "@/models/lead-import";
import { MAX_PENDING_UPLOADS_PER_COMPANY, MAX_PENDING_UPLOADS_PER_USER } from "./limits";

const fulfilled = (results: PromiseSettledResult<unknown>[]) => results.filter((r) => r.status === "fulfilled").length;
const reasons = (results: PromiseSettledResult<unknown>[]) => results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));

describe("uploads started all at once", () => {
  it("100 lead imports from three people: at most 5 each, with the limit's message for the rest", async () => {
    const ws = await createWorkspace();
    const people = [ws.admin, ws.rep, ws.rep2];
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => createImport(people[i % 3], { file_name: `spam${i}.csv`, file_size: 1000 })));
    expect(fulfilled(results)).toBe(3 * MAX_PENDING_UPLOADS_PER_USER);
    expect(await scoped(ws.admin, LeadImport).countDocuments({})).toBe(3 * MAX_PENDING_UPLOADS_PER_USER);
    expect(new Set(reasons(results))).toEqual(new Set([`You have ${MAX_PENDING_UPLOADS_PER_USER} imports waiting to be finished; the most is ${MAX_PENDING_UPLOADS_PER_USER}. Finish or discard one of them first.`]));
  });

  it("100 file uploads of one person: 5", async () => {
    const ws = await createWorkspace();
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => startUpload(ws.rep, { filename: `spam${i}.pdf`, size: 1000 })));
    expect(fulfilled(results)).toBe(MAX_PENDING_UPLOADS_PER_USER);
    expect(await scoped(ws.admin, FileUpload).countDocuments({})).toBe(MAX_PENDING_UPLOADS_PER_USER);
    expect(MAX_PENDING_UPLOADS_PER_COMPANY).toBeGreaterThan(MAX_PENDING_UPLOADS_PER_USER);
  });
});

describe("one piece sent many times at once", () => {
  it("is stored once for a file upload", async () => {
    const ws = await createWorkspace();
    const pdf = pdfBytes(1000);
    const { id } = await startUpload(ws.rep, { filename: "contract.pdf", size: pdf.length });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => putUploadPart(ws.rep, id, 0, pdf)));
    expect(reasons(results)).toEqual([]);
    expect(await scoped(ws.admin, FileUploadPart).countDocuments({})).toBe(1);
  });

  it("is stored once for an import, without an error", async () => {
    const ws = await createWorkspace();
    const csv = Buffer.from("Name,Phone\nAda,+12145550100\n");
    const { id } = await createImport(ws.rep, { file_name: "leads.csv", file_size: csv.length });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => storeImportChunk(ws.rep, id, 0, csv)));
    expect(reasons(results)).toEqual([]);
    expect(await scoped(ws.admin, LeadImportChunk).countDocuments({})).toBe(1);
  });
});
