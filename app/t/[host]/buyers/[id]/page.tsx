import { notFound } from "next/navigation";
import { can, requirePermission } from "@/lib/auth/permissions";
import { getBuyerPage } from "@/lib/buyers/buyer-record";
import { AppError } from "@/lib/errors";
import { requestTimeZone } from "@/lib/leads/list/time-zone";
import { getRequestContext } from "@/lib/tenancy/request-context";
import { BuyerRecordView } from "@/components/buyers/buyer-record-view";

export const metadata = { title: "Buyer" };

export default async function BuyerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ctx } = await getRequestContext();
  requirePermission(ctx, "buyers.read");
  // Another company's buyer, a deleted one and a malformed id are all simply not found.
  const data = await getBuyerPage(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const timeZone = await requestTimeZone();
  return <BuyerRecordView {...data} timeZone={timeZone} canWrite={can(ctx, "buyers.write")} canDelete={can(ctx, "buyers.delete")} />;
}
