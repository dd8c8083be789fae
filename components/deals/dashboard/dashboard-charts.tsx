"use client";
// The dashboard's charts (recharts). Each chart is drawn for the eye only (hidden from assistive
// technology, no keyboard layer); its numbers are said in the caption and in a table under
// "Show the numbers", which is the text alternative for everyone.
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const compactUsd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en-US");

const STATUS_COLORS: Record<string, string> = { pending: "#b45309", under_contract: "#0369a1", closed: "#047857", cancelled: "#64748b" };

function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer font-medium text-brand-700 dark:text-brand-100">Show the numbers</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              {columns.map((c, i) => (
                <th key={c} scope="col" className={`py-1 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[0])} className="border-b border-slate-100 dark:border-slate-800">
                {r.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row" className="py-1 pr-3 font-normal">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="py-1 pr-3 text-right tabular-nums">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function DealsByStatusChart({ data }: { data: { status: string; label: string; count: number }[] }) {
  const total = data.reduce((s, d) => s + d.count, 0);
  const summary = total === 0 ? "No deals yet." : data.map((d) => `${d.label}: ${count.format(d.count)}`).join(", ") + ".";
  return (
    <figure data-testid="chart-deals-by-status">
      <figcaption className="text-sm text-slate-700 dark:text-slate-300">{summary}</figcaption>
      {total > 0 && (
        <div aria-hidden="true" className="mt-2 h-56">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} interval={0} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
              <Tooltip />
              <Bar dataKey="count" name="Deals" isAnimationActive={false} fill="#0369a1">
                {data.map((d) => (
                  <Cell key={d.status} fill={STATUS_COLORS[d.status] ?? "#0369a1"} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <DataTable caption="Deals by status" columns={["Status", "Deals"]} rows={data.map((d) => [d.label, count.format(d.count)])} />
    </figure>
  );
}

export function FeesAndProfitChart({ data, year }: { data: { key: string; label: string; closed: number; assignmentFees: number; profit: number }[]; year: number }) {
  const totalFees = data.reduce((s, d) => s + d.assignmentFees, 0);
  const totalProfit = data.reduce((s, d) => s + d.profit, 0);
  const closed = data.reduce((s, d) => s + d.closed, 0);
  const best = data.reduce<(typeof data)[number] | null>((b, d) => (d.profit > (b?.profit ?? 0) ? d : b), null);
  const summary =
    closed === 0
      ? `No deals closed in ${year} yet.`
      : `${count.format(closed)} deal${closed === 1 ? "" : "s"} closed in ${year}: ${usd.format(totalFees)} in assignment fees and ${usd.format(totalProfit)} profit${best ? `; the best month was ${best.label} (${usd.format(best.profit)} profit)` : ""}.`;
  return (
    <figure data-testid="chart-fees-profit">
      <figcaption className="text-sm text-slate-700 dark:text-slate-300">{summary}</figcaption>
      {closed > 0 && (
        <div aria-hidden="true" className="mt-2 h-64">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} />
              <YAxis tickFormatter={(v: number) => compactUsd.format(v)} tick={{ fontSize: 12, fill: "#475569" }} width={56} />
              <Tooltip formatter={(v) => usd.format(Number(v))} />
              <Legend />
              <Bar dataKey="assignmentFees" name="Assignment fees" fill="#0369a1" isAnimationActive={false} />
              <Bar dataKey="profit" name="Profit" fill="#047857" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <DataTable
        caption={`Assignment fees and profit by month, ${year}`}
        columns={["Month", "Closed", "Assignment fees", "Profit"]}
        rows={data.map((d) => [`${d.label} ${year}`, count.format(d.closed), usd.format(d.assignmentFees), usd.format(d.profit)])}
      />
    </figure>
  );
}


