/** A setting of a list's link that was not understood: the parameter and what was wrong with it. */
export type QueryProblem = { param: string; message: string };

/** The link's settings that were not understood and left out (every list and board alike). */
export function QueryProblems({ problems }: { problems: readonly QueryProblem[] }) {
  if (!problems.length) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">Some of the link’s settings were not understood and were left out:</p>
      <ul className="list-inside list-disc">
        {problems.map((p) => (
          <li key={p.param + p.message}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
