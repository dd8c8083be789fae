import "server-only";
import { systemContext } from "@/lib/core/db/tenant-context";
import { purgeExpiredTrash } from "@/lib/leads/delete-leads";
import { purgeExpiredBuyerTrash } from "@/lib/buyers/bulk";
import { purgeAbandonedImports } from "@/lib/leads/import/upload-quota";
import { purgeAbandonedFileUploads } from "@/lib/storage/uploads";
import { purgeExpiredInvites } from "@/lib/team/manage-invites";
import { Tenant } from "@/models/tenant";
import { purgeDeliveredEvents } from "@/lib/core/events/sweep";

export const MAINTENANCE_QUEUE = "maintenance";
export const MAINTENANCE_EVERY_MS = 60 * 60 * 1000;
/** The outbox sweep (lib/core/events/sweep.ts) runs every 30 seconds. */
export const SWEEP_EVENTS_JOB = "sweep-events";
export const SWEEP_EVENTS_EVERY_MS = 30_000;

export type MaintenanceReport = { tenants: number; invitesPurged: number; trashPurged: number; uploadsPurged: number; eventsPurged: number };

/**
 * Housekeeping FerretDB cannot do with TTL indexes: delete long-expired invitations, lead trash
 * past its restore period and abandoned uploads (with their stored files), tenant by tenant (each through the tenant-scoped data layer).
 * Idempotent: running it twice deletes nothing more.
 */
export async function runMaintenance(now = new Date()): Promise<MaintenanceReport> {
  const report: MaintenanceReport = { tenants: 0, invitesPurged: 0, trashPurged: 0, uploadsPurged: 0, eventsPurged: await purgeDeliveredEvents(now) };
  for await (const tenant of Tenant.find({}, { _id: 1 }).lean().cursor()) {
    const ctx = systemContext(String(tenant._id), "maintenance");
    report.tenants += 1;
    report.invitesPurged += await purgeExpiredInvites(ctx);
    report.trashPurged += await purgeExpiredTrash(ctx, now);
    report.trashPurged += await purgeExpiredBuyerTrash(ctx, now);
    report.uploadsPurged += await purgeAbandonedImports(ctx, now);
    report.uploadsPurged += await purgeAbandonedFileUploads(ctx, now);
  }
  return report;
}
