import type { MatchReason } from "@/lib/matching/types";

const TONES: Record<MatchReason["tone"], string> = {
  good: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  partial: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  none: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300",
};

/** Why a score is what it is: one chip per reason, with its points, in words (never colour alone). */
export function ReasonChips({ reasons, label = "Why this score" }: { reasons: MatchReason[]; label?: string }) {
  return (
    <ul aria-label={label} className="mt-2 flex flex-wrap gap-1.5">
      {reasons.map((r) => (
        <li key={r.code} className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${TONES[r.tone]}`}>
          <span className="min-w-0 break-words">{r.label}</span>
          <span className="shrink-0 font-semibold tabular-nums" aria-hidden="true">
            +{r.points}
          </span>
          <span className="sr-only">
            : {r.points} of {r.max} points
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The score as a badge that reads "Score 87 of 100". */
export function ScoreBadge({ score }: { score: number }) {
  const tone = score >= 70 ? "bg-emerald-700 text-white" : score >= 45 ? "bg-amber-200 text-amber-950" : "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100";
  return (
    <span className={`inline-flex h-9 w-12 shrink-0 items-center justify-center rounded-md text-base font-bold tabular-nums ${tone}`}>
      <span className="sr-only">Score </span>
      {score}
      <span className="sr-only"> of 100</span>
    </span>
  );
}
