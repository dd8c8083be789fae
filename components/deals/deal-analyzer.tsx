"use client";
import { useId } from "react";
import { analyzeDeal, analyzerProblems } from "@/lib/deals/analyzer";
import { money } from "./format";

export type AnalyzerValues = { arv: string; repairs: string; assignment_fee: string };

const toNumber = (s: string) => (s.trim() === "" ? 0 : Number(s.replace(/[$,\s]/g, "")));

/**
 * The deal analyzer: ARV, repairs and the fee we want, at the workspace's offer rule, give the
 * maximum allowable offer (MAO = ARV × rule − repairs), the most we can offer the seller, and
 * the spread over our contract price. Computed as you type with the same function the server runs.
 */
export function DealAnalyzer({
  values,
  onChange,
  offerRule,
  contractPrice,
  errors,
  readOnly = false,
  children,
}: {
  values: AnalyzerValues;
  onChange: (v: AnalyzerValues) => void;
  offerRule: number;
  contractPrice?: number | null;
  errors?: Record<string, string[] | undefined>;
  readOnly?: boolean;
  children?: React.ReactNode;
}) {
  const id = useId();
  const input = { arv: toNumber(values.arv), repairs: toNumber(values.repairs), offerRule, assignmentFee: toNumber(values.assignment_fee), contractPrice: contractPrice ?? null };
  const problems = analyzerProblems(input);
  const ready = values.arv.trim() !== "" && Object.keys(problems).length === 0;
  const result = ready ? analyzeDeal(input) : null;
  const field = (key: keyof AnalyzerValues, label: string, hint?: string) => {
    const problem = errors?.[key]?.[0] ?? (values[key].trim() !== "" ? problems[key] : undefined);
    return (
      <div>
        <label htmlFor={`${id}-${key}`} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          {label}
        </label>
        <input
          id={`${id}-${key}`}
          name={key}
          inputMode="numeric"
          value={values[key]}
          readOnly={readOnly}
          onChange={(e) => onChange({ ...values, [key]: e.target.value })}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-${key}-error` : hint ? `${id}-${key}-hint` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        {hint && !problem && (
          <p id={`${id}-${key}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        )}
        {problem && (
          <p id={`${id}-${key}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        {field("arv", "ARV (after-repair value)")}
        {field("repairs", "Repairs")}
        {field("assignment_fee", "Assignment fee")}
      </div>
      <dl className="grid gap-2 rounded-md bg-slate-50 p-3 text-sm sm:grid-cols-2 dark:bg-slate-800" aria-live="polite" data-testid="analyzer-result">
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Offer rule</dt>
          <dd className="font-medium">{offerRule}% of ARV</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Maximum allowable offer (MAO)</dt>
          <dd className="font-semibold" data-testid="analyzer-mao">
            {result ? money(result.mao) : "Enter the ARV"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Most we can offer the seller (MAO − fee)</dt>
          <dd className="font-medium" data-testid="analyzer-offer">
            {result ? money(result.offerToSeller) : "—"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Spread over our contract price</dt>
          <dd className="font-medium" data-testid="analyzer-spread">
            {result && result.spread !== null ? `${money(result.spread)} (${result.feeFits ? `${money(result.spreadAfterFee)} left after the fee` : `the fee is ${money(-(result.spreadAfterFee ?? 0))} too high`})` : contractPrice == null ? "No contract price yet" : "—"}
          </dd>
        </div>
      </dl>
      {children}
    </div>
  );
}
