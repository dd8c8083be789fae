import Link from "next/link";
import { FeatureGate } from "@/components/settings/feature-gate";
import { buttonClass } from "@/components/ui/button";
import { InboxView } from "@/components/communications/inbox-view";
import { can } from "@/lib/core/permissions";
import { INBOX_FILTERS, listConversations, type InboxFilter } from "@/lib/communications/conversations/list-conversations";
import { listAssignees } from "@/lib/leads/write/list-assignees";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ filter?: string }> }) {
  const { ctx, tenant } = await getRequestContext();
  const asked = (await searchParams).filter;
  const filter: InboxFilter = (INBOX_FILTERS as readonly string[]).includes(asked ?? "") ? (asked as InboxFilter) : "all";
  return (
    <FeatureGate feature={["sms_enabled", "call_enabled"]} title="Inbox">
      <div className="mx-auto max-w-6xl space-y-4">
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h1 className="text-2xl font-bold">Inbox</h1>
            {can(ctx, "communications.write") && (
              <Link href="/inbox/bulk" className={buttonClass("secondary", "sm")}>
                Bulk text
              </Link>
            )}
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Every text and call with your leads and buyers, newest first. New messages appear here as they arrive. E-mail you send is logged in each conversation; replies to
            e-mail arrive in your own mailbox (inbound e-mail is not part of DealCycle).
          </p>
        </div>
        {can(ctx, "communications.read") ? (
          <InboxLoaded ctx={ctx} filter={filter} companyName={tenant.name} />
        ) : (
          <p className="text-sm">Your role does not include reading conversations.</p>
        )}
      </div>
    </FeatureGate>
  );
}

async function InboxLoaded({ ctx, filter, companyName }: { ctx: Awaited<ReturnType<typeof getRequestContext>>["ctx"]; filter: InboxFilter; companyName: string }) {
  const [initial, assignees] = await Promise.all([listConversations(ctx, { filter }), can(ctx, "leads.assign") ? listAssignees(ctx) : Promise.resolve([])]);
  return (
    <InboxView
      initial={initial}
      initialFilter={filter}
      companyName={companyName}
      canSend={can(ctx, "communications.write")}
      canAssign={can(ctx, "leads.assign")}
      assignees={assignees.map((a) => ({ id: a.id, name: a.name }))}
    />
  );
}
