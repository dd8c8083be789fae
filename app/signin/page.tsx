import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { ClosedNotice } from "@/components/auth/workspace-notice";
import { isGoogleEnabled } from "@/lib/auth/google-config";
import { looksLikeToken } from "@/lib/auth/handoff";
import { readRootSession } from "@/lib/auth/root-session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { rootOrigin, safeNextPath, tenantHostParam, tenantOrigin } from "@/lib/core/tenancy/origins";
import { tenantForHostParam } from "@/lib/core/tenancy/request-host";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * Root host sign-in. With `to` (a workspace host) and that host's SSO `state`, it signs in to that
 * workspace and hands the session over; without, it signs in and lists the person's workspaces.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const q = await searchParams;
  const to = one(q.to);
  const state = one(q.state);
  const next = safeNextPath(one(q.next));
  let error = one(q.error) ?? null;
  const session = await readRootSession();

  const target = to ? await tenantForHostParam(to) : null;
  if (to && !target) error = "unknown_workspace";
  // A sign-in for a workspace starts on the workspace's own host (it sets the SSO state).
  if (target && !looksLikeToken(state)) redirect(`${tenantOrigin(target.match)}/signin?next=${encodeURIComponent(next)}`);
  if (target?.tenant.subscription_status === "cancelled") return <ClosedNotice rootUrl={rootOrigin()} />;
  if (!target && session && !error) redirect("/workspaces");

  const continueUrl = target
    ? `/api/auth/sso?${new URLSearchParams({ to: tenantHostParam(target.match), state: state!, next })}`
    : "/workspaces";
  const signedInAs = session && error === "not_member" ? `You are signed in as ${session.email}. ` : "";
  const errorText = error ? `${signedInAs}${signInErrorMessage(error)}` : null;

  return (
    <AuthCard
      title={target ? `Sign in to ${target.tenant.name}` : "Sign in to DealCycle"}
      subtitle={target ? <span data-testid="sign-in-workspace">{tenantHostParam(target.match)}</span> : "One sign-in for every workspace you belong to."}
      footer={
        <>
          New to DealCycle? <Link href="/signup" className="font-medium text-brand-600 underline">Sign up your company</Link>
        </>
      }
    >
      <SignInForm
        to={target ? tenantHostParam(target.match) : undefined}
        continueUrl={continueUrl}
        googleEnabled={isGoogleEnabled()}
        startGoogle={one(q.provider) === "google" && isGoogleEnabled() && !error}
        initialError={errorText}
        notice={one(q.signed_out) === "1" ? "You have signed out." : null}
      />
    </AuthCard>
  );
}
