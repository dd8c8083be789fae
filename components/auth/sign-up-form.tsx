"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { signUpAction } from "@/app/signup/actions";
import { signUpSchema, type SignUpInput } from "@/lib/tenants/sign-up-schema";
import { TextField } from "@/components/ui/field";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Availability = { available: boolean; message: string } | null;
type PlanOption = { value: SignUpInput["plan"]; label: string; summary: string };

/** Live check of the subdomain while the person types (debounced). */
function useSubdomainAvailability(subdomain: string): Availability {
  const [result, setResult] = useState<Availability>(null);
  useEffect(() => {
    const value = subdomain.trim().toLowerCase();
    if (!value) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/signup/check?subdomain=${encodeURIComponent(value)}`, { signal: controller.signal });
        if (res.ok) setResult(await res.json());
      } catch {
        // aborted or offline: the server checks again on submit
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
      setResult(null);
    };
  }, [subdomain]);
  return subdomain.trim() ? result : null;
}

export function SignUpForm({ appDomain, plans }: { appDomain: string; plans: PlanOption[] }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<SignUpInput>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { company: "", subdomain: "", plan: "basic", name: "", email: "", password: "" },
    criteriaMode: "all",
  });
  const subdomain = useWatch({ control, name: "subdomain" });
  const availability = useSubdomainAvailability(subdomain);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await sendChecked(signUpAction, values);
    if (result.ok) {
      window.location.assign(result.data.url);
      return;
    }
    setFormError(result.error);
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (field in values) setError(field as keyof SignUpInput, { type: "server", message: messages.join(" ") });
    }
  });

  const messages = (field: keyof SignUpInput) => {
    const e = errors[field];
    if (!e) return undefined;
    const all = e.types ? Object.values(e.types).flat().filter((m): m is string => typeof m === "string") : [];
    return all.length ? all : e.message ? [e.message] : undefined;
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {formError}
        </p>
      )}
      <TextField label="Company name" autoComplete="organization" maxLength={100} error={messages("company")} {...register("company")} />
      <TextField
        label="Workspace address"
        autoComplete="off"
        maxLength={63}
        error={messages("subdomain")}
        hint={
          <span aria-live="polite">
            <span>
              Your team will work at <strong>{subdomain.trim().toLowerCase() || "yourcompany"}.{appDomain}</strong>.
            </span>{" "}
            {availability && (
              <span data-testid="subdomain-availability" className={availability.available ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}>
                {availability.message}
              </span>
            )}
          </span>
        }
        {...register("subdomain")}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Plan</legend>
        {plans.map((p) => (
          <label key={p.value} className="flex items-start gap-2 text-sm">
            <input type="radio" value={p.value} className="mt-1" {...register("plan")} />
            <span>
              <span className="font-medium">{p.label}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{p.summary}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextField label="Your name" autoComplete="name" maxLength={100} error={messages("name")} {...register("name")} />
      <TextField label="Your e-mail" type="email" autoComplete="email" maxLength={254} error={messages("email")} {...register("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        maxLength={200}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={messages("password")}
        {...register("password")}
      />
      <button
        type="submit"
        disabled={isSubmitting}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {isSubmitting ? "Creating your workspace…" : "Create workspace"}
      </button>
    </form>
  );
}
