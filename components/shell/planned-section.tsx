/** An honest empty state for a workspace section that is not built yet (reached by an old link). */
export function PlannedSection({ title, description }: { title: string; description: string }) {
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
        <p className="font-medium text-slate-900 dark:text-slate-100">Not available yet</p>
        <p className="mt-1 text-slate-700 dark:text-slate-300">{description}</p>
      </div>
    </div>
  );
}
