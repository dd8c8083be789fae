/** A full-page message about the workspace itself (suspended, closed). */
export function WorkspaceNotice({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 py-12 text-center" data-testid={testId}>
      <h1 className="text-2xl font-bold">{title}</h1>
      <div className="space-y-3 text-slate-700 dark:text-slate-300">{children}</div>
    </div>
  );
}

export function SuspendedNotice({ companyName, isAdmin }: { companyName: string; isAdmin: boolean }) {
  return (
    <WorkspaceNotice title="This workspace is suspended" testId="workspace-suspended">
      <p>
        {companyName}&apos;s DealCycle subscription is suspended, so the workspace is closed for work and nothing can be changed.
        All data is kept.
      </p>
      <p>
        {isAdmin
          ? "To reactivate it, settle the subscription with DealCycle billing support."
          : "Please ask an admin of your company to reactivate the subscription."}
      </p>
    </WorkspaceNotice>
  );
}

export function ClosedNotice({ rootUrl }: { rootUrl: string }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-8 text-center" data-testid="workspace-closed">
      <h1 className="text-2xl font-bold">This workspace was closed</h1>
      <p className="text-slate-600 dark:text-slate-400">
        The company&apos;s DealCycle subscription was cancelled, so this workspace is no longer available and nobody can sign in to it.
      </p>
      <a href={rootUrl} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Go to DealCycle
      </a>
    </main>
  );
}
