import { requirePermission } from "@/lib/auth/permissions";
import { getRequestContext } from "@/lib/tenancy/request-context";
import { NewBuyerForm } from "@/components/buyers/new-buyer-form";

export const metadata = { title: "Add buyer" };

export default async function NewBuyerPage() {
  const { ctx } = await getRequestContext();
  requirePermission(ctx, "buyers.write");
  return <NewBuyerForm />;
}
