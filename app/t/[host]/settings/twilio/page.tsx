import { AddNumberForm, RemoveNumberForm, TwilioAccountForm } from "@/components/communications/twilio-settings-forms";
import { Section } from "@/components/settings/form-controls";
import { NoAccess } from "@/components/settings/no-access";
import { can } from "@/lib/core/permissions";
import { getMonthlySpend, getSendingStatus, getTwilioSettings } from "@/lib/providers/twilio/twilio-settings";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { addTwilioNumberAction, removeTwilioNumberAction, saveTwilioAccountAction } from "./actions";

export const metadata = { title: "Twilio" };

const money = (n: number, unit: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: unit || "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(n);

export default async function TwilioSettingsPage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "settings.manage")) return <NoAccess title="Twilio" role={ctx.role} />;
  const [settings, status, spend] = await Promise.all([getTwilioSettings(ctx), getSendingStatus(ctx), getMonthlySpend(ctx)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Twilio</h1>
      {status.warning && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="sending-status">
          {status.simulated && <strong className="mr-1">Simulated.</strong>}
          {status.warning}
        </p>
      )}
      <Section title="Account" description="Texts and calls go through your company's own Twilio account.">
        <TwilioAccountForm
          action={saveTwilioAccountAction}
          values={{
            accountSid: settings.accountSid ?? "",
            hasToken: settings.hasToken,
            messagingServiceSid: settings.messagingServiceSid ?? "",
            a2pBrandStatus: settings.a2pBrandStatus,
            a2pCampaignStatus: settings.a2pCampaignStatus,
          }}
        />
        {settings.verifiedAt && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Credentials last checked with Twilio {settings.verifiedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.</p>}
      </Section>
      <Section title="Phone numbers" description="Numbers you bought in Twilio, in E.164. A number belongs to one company only; the first one sends texts and is the caller ID.">
        {settings.numbers.length ? (
          <ul className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700" aria-label="Company phone numbers">
            {settings.numbers.map((n) => (
              <li key={n} className="flex items-center justify-between px-3 py-2 text-sm">
                <span className="font-mono">{n}</span>
                <RemoveNumberForm action={removeTwilioNumberAction} number={n} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">No number yet.</p>
        )}
        <AddNumberForm action={addTwilioNumberAction} />
      </Section>
      <Section title="Webhook URLs" description="Paste these into each number's configuration in the Twilio console.">
        <dl className="space-y-3 text-sm">
          {settings.webhooks.map((w) => (
            <div key={w.url}>
              <dt className="font-medium">{w.label}</dt>
              <dd className="mt-1 break-all rounded bg-slate-100 px-2 py-1 font-mono dark:bg-slate-800">{w.url}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section title="Spend this month" description={`What Twilio charged for ${spend.month} (UTC), from the price of each message and call.`}>
        <p className="text-2xl font-semibold" data-testid="monthly-spend">
          {money(spend.total, spend.unit)}
        </p>
        {spend.byType.length > 0 && (
          <ul className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {spend.byType.map((t) => (
              <li key={t.type}>
                {t.type === "sms" ? "Texts" : t.type === "call" ? "Calls" : t.type}: {t.count.toLocaleString("en-US")}, {money(t.cost, spend.unit)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
