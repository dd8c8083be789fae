import type { Metadata } from "next";
import { AppShell } from "@/components/shell/app-shell";
import { getRequestContext } from "@/lib/tenancy/request-context";

export async function generateMetadata(): Promise<Metadata> {
  const { tenant } = await getRequestContext();
  return { title: { default: tenant.name, template: `%s · ${tenant.name}` } };
}

export default async function TenantLayout({ children }: { children: React.ReactNode }) {
  const { tenant } = await getRequestContext();
  return <AppShell companyName={tenant.name}>{children}</AppShell>;
}
