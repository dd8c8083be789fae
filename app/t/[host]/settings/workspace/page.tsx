import { Section } from "@/components/settings/form-controls";
import { NoAccess } from "@/components/settings/no-access";
import { CompanyProfileForm, CustomDomainForm, FeatureSwitchesForm, OfferRuleForm, PlanForm, RepsSeeAllLeadsForm, SubdomainForm } from "@/components/settings/workspace-forms";
import { getOfferRule } from "@/lib/deals/offer-rule";
import { setOfferRuleAction } from "@/app/t/[host]/deals/actions";
import { can } from "@/lib/core/permissions";
import { appDomain } from "@/lib/core/env";
import { getCustomDomain } from "@/lib/settings/domain-verification";
import { getWorkspace } from "@/lib/settings/get-workspace";
import { PLAN_LABELS } from "@/lib/settings/plan-features";
import { PLAN_DEFAULTS, PLANS } from "@/lib/tenants/plans";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import {
  changePlanAction,
  changeSubdomainAction,
  saveCompanyProfileAction,
  saveFeatureSwitchesAction,
  saveRepsSeeAllLeadsAction,
  setCustomDomainAction,
  verifyCustomDomainAction,
} from "./actions";

export const metadata = { title: "Workspace" };

const fmt = new Intl.NumberFormat("en-US");

export default async function WorkspacePage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "settings.manage")) return <NoAccess title="Workspace" role={ctx.role} />;
  const [ws, customDomain, offerRule] = await Promise.all([getWorkspace(ctx), getCustomDomain(ctx), getOfferRule(ctx)]);
  const planOptions = PLANS.map((p) => ({
    value: p,
    label: `${PLAN_LABELS[p]}: ${fmt.format(PLAN_DEFAULTS[p].max_users)} users, ${fmt.format(PLAN_DEFAULTS[p].max_leads)} leads`,
  }));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Workspace</h1>
      <Section title="Plan and limits">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4" data-testid="plan-limits">
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Plan</dt>
            <dd className="font-semibold">{PLAN_LABELS[ws.plan]}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Status</dt>
            <dd className="font-semibold capitalize">{ws.status}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Users</dt>
            <dd className="font-semibold">
              {fmt.format(ws.activeUsers)} of {fmt.format(ws.maxUsers)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Leads</dt>
            <dd className="font-semibold">
              {fmt.format(ws.leads)} of {fmt.format(ws.maxLeads)}
            </dd>
          </div>
        </dl>
        {can(ctx, "billing.manage") && (
          <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
            <PlanForm action={changePlanAction} plan={ws.plan} options={planOptions} />
          </div>
        )}
      </Section>
      <Section title="Company profile">
        <CompanyProfileForm action={saveCompanyProfileAction} values={{ name: ws.name, ...ws.billing }} />
      </Section>
      <Section title="Address">
        <div className="space-y-6">
          <SubdomainForm action={changeSubdomainAction} subdomain={ws.subdomain} appDomain={appDomain()} />
          <CustomDomainForm action={setCustomDomainAction} verifyAction={verifyCustomDomainAction} status={customDomain} canChangePlan={can(ctx, "billing.manage")} />
        </div>
      </Section>
      <Section title="Features" description="Features you switch off disappear from the menu and refuse to run.">
        <FeatureSwitchesForm action={saveFeatureSwitchesAction} features={ws.features} planLabel={PLAN_LABELS[ws.plan]} />
      </Section>
      <Section title="Permissions">
        <RepsSeeAllLeadsForm action={saveRepsSeeAllLeadsAction} enabled={ws.repsSeeAllLeads} />
      </Section>
      <Section title="Deals" description="How the deal analyzer prices a property for cash buyers.">
        <OfferRuleForm action={setOfferRuleAction} offerRule={offerRule} />
      </Section>
    </div>
  );
}
