import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { appDomain } from "@/lib/core/env";
import { PLAN_DEFAULTS, PLANS } from "@/lib/tenants/plans";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign up your company" };

const LABELS = { basic: "Basic", professional: "Professional", enterprise: "Enterprise" } as const;

export default function SignUpPage() {
  const fmt = new Intl.NumberFormat("en-US");
  const plans = PLANS.map((plan) => ({
    value: plan,
    label: LABELS[plan],
    summary: `Up to ${fmt.format(PLAN_DEFAULTS[plan].max_users)} users and ${fmt.format(PLAN_DEFAULTS[plan].max_leads)} leads`,
  }));
  return (
    <AuthCard
      title="Sign up your company"
      subtitle="Create your company's workspace. You will be its first admin and can invite your team next."
      footer={
        <>
          Already have a workspace? <Link href="/signin" className="font-medium text-brand-600 underline">Sign in</Link>
        </>
      }
    >
      <SignUpForm appDomain={appDomain()} plans={plans} />
    </AuthCard>
  );
}
