import { notFound } from "next/navigation";
import { can } from "@/lib/core/permissions";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { NewBuyerForm } from "@/components/buyers/new-buyer-form";

export const metadata = { title: "Add buyer" };

export default async function NewBuyerPage() {
  const { ctx } = await getRequestContext();
  // Without the permission the section does not exist for this member (as the deal dashboard).
  if (!can(ctx, "buyers.write")) notFound();
  return <NewBuyerForm />;
}
