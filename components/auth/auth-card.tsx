import Link from "next/link";

/** The frame of the root site's sign-up and sign-in pages. */
export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: React.ReactNode; children: React.ReactNode; footer?: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-md flex-col justify-center gap-6 p-6">
      <Link href="/" className="text-lg font-bold tracking-tight text-brand-700 dark:text-brand-100">
        DealCycle
      </Link>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-bold">{title}</h1>
        {subtitle && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{subtitle}</div>}
        <div className="mt-6">{children}</div>
      </div>
      {footer && <div className="text-center text-sm text-slate-600 dark:text-slate-400">{footer}</div>}
    </main>
  );
}
