import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-bold">Nothing here</h1>
      <p className="text-slate-600 dark:text-slate-400">
        This page, or the workspace it belongs to, does not exist. Check the address, or ask your admin for your
        company&apos;s DealCycle link.
      </p>
      <Link href="/" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Go to the start page
      </Link>
    </main>
  );
}
