import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { appDomain } from "@/lib/core/env";
import { classifyHost } from "@/lib/core/tenancy/host";
import { rootOrigin } from "@/lib/core/tenancy/origins";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ nextauth: string[] }> };

// next-auth runs on the root host only; tenant hosts receive sessions through /api/auth/handoff.
async function handler(request: NextRequest, route: Route): Promise<Response> {
  if (classifyHost(request.headers.get("host"), appDomain()).kind !== "root") return new Response("Not found", { status: 404 });
  // next-auth builds its callback URLs from NEXTAUTH_URL; the root origin comes from APP_DOMAIN.
  process.env.NEXTAUTH_URL ??= rootOrigin();
  return NextAuth(request, route, authOptions());
}

export { handler as GET, handler as POST };
