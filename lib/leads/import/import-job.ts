import "server-only";
import type { Job } from "bullmq";
import { connectDb } from "@/lib/core/db/connect";
import { scoped } from "@/lib/core/db/scoped";
import { LeadImport } from "@/models/lead-import";
import { processLeadImport } from "./process-import";
import type { LeadImportJob } from "./queue";

/**
 * The worker's entry point for a lead import. A failure is retried by BullMQ (the import resumes
 * from its last committed batch); after the last attempt the import is marked failed with the
 * reason, and the import page offers to resume it.
 */
export async function processLeadImportJob(job: Job<LeadImportJob>): Promise<string> {
  await connectDb();
  const { tenantId, importId } = job.data;
  try {
    return await processLeadImport(tenantId, importId);
  } catch (err) {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (last) {
      const message = err instanceof Error ? err.message : String(err);
      await scoped({ tenantId }, LeadImport).updateOne({ _id: importId }, { $set: { status: "failed", error: `The import stopped: ${message.slice(0, 500)}. Resume it to continue from the last saved row.` } });
    }
    throw err;
  }
}
