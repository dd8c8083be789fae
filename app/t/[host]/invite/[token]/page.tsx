import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AcceptInviteForm, AcceptWithGoogle } from "@/components/team/accept-invite-form";
import { isGoogleEnabled } from "@/lib/auth/google-config";
import { getInviteByToken, INVITE_PROBLEMS } from "@/lib/team/get-invite";
import { ROLE_LABELS, ROLE_SUMMARIES } from "@/lib/team/roles";
import { currentTenant } from "@/lib/core/tenancy/resolve-tenant";
import { MESSAGES } from "@/lib/core/tenancy/session-context";
import { acceptInviteAction, acceptWithGoogleAction } from "./actions";

export const dynamic = "force-dynamic";
// The token is in the address: never send it on to another site.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await currentTenant();
  if (!tenant || tenant.subscription_status === "cancelled") notFound();
  const { token } = await params;
  const invite = await getInviteByToken({ tenantId: tenant.id }, token);
  const problem = !invite
    ? INVITE_PROBLEMS.unknown
    : invite.status !== "pending"
      ? INVITE_PROBLEMS[invite.status]
      : tenant.subscription_status === "suspended"
        ? MESSAGES.suspended
        : null;

  return (
    <div className="mx-auto max-w-md space-y-6 py-8">
      <h1 className="text-2xl font-bold">{invite && !problem ? `Join ${invite.companyName}` : "Invitation"}</h1>
      {problem || !invite ? (
        <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
          <p>{problem}</p>
          <p>
            <a href="/signin" className="font-medium underline">
              Go to sign-in
            </a>
          </p>
        </div>
      ) : (
        <>
          <p className="text-slate-700 dark:text-slate-300">
            You are invited to <strong>{invite.companyName}</strong> on DealCycle as{" "}
            <strong data-testid="invite-role">{ROLE_LABELS[invite.role]}</strong>. {ROLE_SUMMARIES[invite.role]}
          </p>
          <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-800 dark:bg-slate-900">
            <AcceptInviteForm token={token} email={invite.email} action={acceptInviteAction} />
            {isGoogleEnabled() && (
              <>
                <div className="my-4 flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
                  <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" /> or <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
                </div>
                <AcceptWithGoogle token={token} action={acceptWithGoogleAction} />
                <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">With Google, sign in with the account of {invite.email}.</p>
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
