import { NoAccess } from "@/components/settings/no-access";
import { can } from "@/lib/core/permissions";
import { listOutbox, outboxInUse } from "@/lib/mail/outbox";
import { getRequestContext } from "@/lib/core/tenancy/request-context";

export const metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "users.manage")) return <NoAccess title="Outbox" role={ctx.role} />;
  if (!outboxInUse()) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Outbox</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">E-mail is sent through your mail server (SMTP), so nothing is kept here.</p>
      </div>
    );
  }
  const messages = await listOutbox(ctx);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        No mail server is configured (SMTP_URL), so e-mail the workspace sends is kept here instead. Newest first.
      </p>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm dark:border-slate-700 dark:bg-slate-900">Nothing sent yet.</p>
      ) : (
        <ul className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} data-testid="outbox-message" data-to={m.to} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <p className="text-sm">
                <span className="font-semibold">To:</span> {m.to}
              </p>
              <p className="text-sm">
                <span className="font-semibold">Subject:</span> {m.subject}
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-400">{new Date(m.createdAt).toUTCString()}</p>
              <pre className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-sm dark:bg-slate-950" data-testid="outbox-text">
                {m.text}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
