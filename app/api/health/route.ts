import { getHealth } from "@/lib/health/get-health";
import { mayReadHealthDetail } from "@/lib/health/health-access";

export const dynamic = "force-dynamic";

/** Everyone gets the status (200 ok, 503 degraded); admins and HEALTH_TOKEN holders the detail. */
export async function GET(request: Request) {
  const [health, detailed] = await Promise.all([getHealth(), mayReadHealthDetail(request)]);
  return Response.json(detailed ? health : { status: health.status }, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
