import { ApiKeysTable } from "@/components/settings/api-keys/api-keys-table";
import { CreateApiKeyForm } from "@/components/settings/api-keys/create-api-key-form";
import { Section } from "@/components/settings/form-controls";
import { NoAccess } from "@/components/settings/no-access";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { scopeOptions } from "@/lib/api-keys/scope-options";
import { can } from "@/lib/core/permissions";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "settings.manage")) return <NoAccess title="API keys" role={ctx.role} />;
  const keys = await listApiKeys(ctx);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">API keys</h1>
      <Section title="Create a key" description="A key lets another app call this workspace's API (see docs/api.md) with the permissions you tick. Its secret is shown once.">
        <CreateApiKeyForm action={createApiKeyAction} scopes={scopeOptions()} />
      </Section>
      <Section title="Keys" description="Revoking a key refuses its very next request.">
        <ApiKeysTable keys={keys} revoke={revokeApiKeyAction} />
      </Section>
    </div>
  );
}
