"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { TextField } from "@/components/ui/field";

type Props = {
  /** The workspace host being signed in to (`acme.localhost:3000`), if any. */
  to?: string;
  /** Where the browser goes once the root session exists (the hand-off, or the workspace list). */
  continueUrl: string;
  googleEnabled: boolean;
  /** Start Google at once (the invitation's "Accept with Google", or a tenant's Google button). */
  startGoogle?: boolean;
  initialError?: string | null;
  notice?: string | null;
};

export function SignInForm({ to, continueUrl, googleEnabled, startGoogle, initialError, notice }: Props) {
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [pending, setPending] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (!startGoogle || started.current) return;
    started.current = true;
    void signIn("google", { callbackUrl: continueUrl });
  }, [startGoogle, continueUrl]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      to: to ?? "",
    });
    if (!result || result.error || !result.ok) {
      // next-auth passes our own messages through; its codes are mapped to ours.
      const raw = result?.error ?? "Callback";
      setError(/\s/.test(raw) ? raw : signInErrorMessage(raw));
      setPending(false);
      return;
    }
    window.location.assign(continueUrl);
  }

  return (
    <div className="flex flex-col gap-5">
      {notice && (
        <p role="status" className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700 dark:bg-slate-800 dark:text-slate-200">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" data-testid="sign-in-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <TextField label="E-mail" name="email" type="email" autoComplete="username" required maxLength={254} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required maxLength={1024} />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {googleEnabled && (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
            or
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
          </div>
          <button
            type="button"
            onClick={() => void signIn("google", { callbackUrl: continueUrl })}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-950 dark:hover:bg-slate-900"
          >
            Continue with Google
          </button>
        </>
      )}
    </div>
  );
}
