import Link from "next/link";
import { FindWorkspaceForm } from "@/components/auth/find-workspace-form";
import { readRootSession } from "@/lib/auth/root-session";
import { appDomain } from "@/lib/core/env";
import { appProtocol } from "@/lib/core/tenancy/origins";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const session = await readRootSession();
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-8 p-8">
      <div className="space-y-3">
        <h1 className="text-4xl font-bold tracking-tight">DealCycle</h1>
        <p className="text-lg text-slate-600 dark:text-slate-300">
          The CRM for real-estate wholesalers: work seller leads, match properties to cash buyers, and close deals.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href="/signup" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Sign up your company
        </Link>
        {session ? (
          <Link href="/workspaces" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium dark:border-slate-700 dark:bg-slate-900">
            Your workspaces
          </Link>
        ) : (
          <Link href="/signin" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium dark:border-slate-700 dark:bg-slate-900">
            Sign in
          </Link>
        )}
      </div>
      <section aria-labelledby="find" className="space-y-2">
        <h2 id="find" className="text-lg font-semibold">Find your workspace</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Each company works at its own address, such as <code className="rounded bg-slate-200 px-1 dark:bg-slate-800">yourcompany.{appDomain()}</code>.
        </p>
        <FindWorkspaceForm protocol={appProtocol()} appDomain={appDomain()} />
      </section>
    </main>
  );
}
