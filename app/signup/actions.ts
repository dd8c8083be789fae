"use server";

import { cookies, headers } from "next/headers";
import { issueRootSession, rootSessionCookieName, SESSION_MAX_AGE_SECONDS, sessionCookieOptions } from "@/lib/core/session/session-cookies";
import { appDomain } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { toFailure, type ActionResult } from "@/lib/core/errors-response";
import { describeWait, spendBudget } from "@/lib/core/rate-limit/rate-limit";
import { classifyHost } from "@/lib/core/tenancy/host";
import { tenantOrigin } from "@/lib/core/tenancy/origins";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";
import { createCompany } from "@/lib/tenants/create-company";

const SIGN_UPS_PER_IP = { name: "signup-ip", max: 10, windowSeconds: 60 * 60 };

/**
 * Root host: creates the company and its admin, signs the admin in on the root host, and answers
 * with the workspace's sign-in address, which hands the session over to the new tenant host.
 */
export async function signUpAction(input: unknown): Promise<ActionResult<{ url: string }>> {
  try {
    const h = await headers();
    if (classifyHost(h.get("host"), appDomain()).kind !== "root") throw new AppError("not_found", "Sign up on the DealCycle start page.");
    const ip = clientIpFrom(h);
    const budget = await spendBudget(SIGN_UPS_PER_IP, ip ?? "unknown");
    if (budget.limited) throw new AppError("rate_limited", `Too many sign-ups from this network. Please wait ${describeWait(budget.retryAfterSeconds)}.`);

    const company = await createCompany(input, { ip, userAgent: userAgentFrom(h) });
    (await cookies()).set(rootSessionCookieName(), await issueRootSession(company.claims), sessionCookieOptions(SESSION_MAX_AGE_SECONDS));
    return { ok: true, data: { url: `${tenantOrigin({ kind: "subdomain", subdomain: company.subdomain })}/signin?next=%2F` } };
  } catch (err) {
    const { status: _status, ...failure } = toFailure(err);
    return failure;
  }
}
