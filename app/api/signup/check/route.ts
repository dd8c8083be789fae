import type { NextRequest } from "next/server";
import { spendBudget } from "@/lib/core/rate-limit/rate-limit";
import { clientIpFrom } from "@/lib/core/tenancy/request-meta";
import { hostOf } from "@/lib/core/tenancy/request-host";
import { checkSubdomain } from "@/lib/tenants/subdomain-availability";

export const dynamic = "force-dynamic";

const CHECKS_PER_IP = { name: "signup-check-ip", max: 120, windowSeconds: 60 };

/** Root host: is this subdomain free? `{ available, message }` for the sign-up form's live check. */
export async function GET(request: NextRequest): Promise<Response> {
  if (hostOf(request).kind !== "root") return new Response("Not found", { status: 404 });
  const budget = await spendBudget(CHECKS_PER_IP, clientIpFrom(request.headers) ?? "unknown");
  if (budget.limited) return Response.json({ available: false, message: "Too many checks; wait a minute." }, { status: 429 });
  const result = await checkSubdomain(request.nextUrl.searchParams.get("subdomain"));
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}
