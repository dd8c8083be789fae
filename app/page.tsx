import { appDomain } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function HomePage() {
  const protocol = process.env.NODE_ENV === "production" && !appDomain().startsWith("localhost") ? "https" : "http";
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-6 p-8">
      <h1 className="text-4xl font-bold tracking-tight">DealCycle</h1>
      <p className="text-lg text-slate-600 dark:text-slate-300">
        The CRM for real-estate wholesalers: work seller leads, match properties to cash buyers, and close deals.
      </p>
      <p className="text-slate-600 dark:text-slate-300">
        Each company works in its own space at <code className="rounded bg-slate-200 px-1 dark:bg-slate-800">yourcompany.{appDomain()}</code>.
        The demo company is at{" "}
        <a className="font-medium text-brand-600 underline" href={`${protocol}://acme.${appDomain()}`}>
          acme.{appDomain()}
        </a>
        .
      </p>
    </main>
  );
}
