import Link from "next/link";
import { CompanyHoursForm } from "@/components/communications/company-hours-form";
import { FlaggedReplyActions } from "@/components/communications/flagged-reply-actions";
import { Section } from "@/components/settings/form-controls";
import { NoAccess } from "@/components/settings/no-access";
import { can } from "@/lib/core/permissions";
import { getComplianceOverview } from "@/lib/communications/compliance-overview";
import { getCompanyHours } from "@/lib/communications/compliance/company-hours-store";
import { getRequestContext } from "@/lib/core/tenancy/request-context";
import { saveCompanyHoursAction } from "./actions";

export const metadata = { title: "Compliance" };

const when = (iso: string | Date) => new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
const contactHref = (type: string, id: string) => (type === "buyer" ? `/buyers/${id}` : `/leads/${id}`);
const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2 align-top";

export default async function CompliancePage() {
  const { ctx } = await getRequestContext();
  if (!can(ctx, "settings.manage")) return <NoAccess title="Compliance" role={ctx.role} />;
  const [{ optOuts, flagged, deferred, sending }, hours] = await Promise.all([getComplianceOverview(ctx), getCompanyHours(ctx)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Compliance</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Who may not be texted, replies a person must read, texts held back by quiet hours or frequency caps, and your carrier registration. Not legal advice.
        </p>
      </div>

      <Section title="A2P 10DLC registration" description="US carriers filter texts from unregistered 10-digit numbers.">
        <dl className="grid grid-cols-2 gap-2 text-sm sm:max-w-md">
          <dt className="font-medium">Brand</dt>
          <dd data-testid="a2p-brand">{sending.connected ? sending.brand.replace(/_/g, " ") : "Twilio not connected"}</dd>
          <dt className="font-medium">Campaign</dt>
          <dd data-testid="a2p-campaign">{sending.connected ? sending.campaign.replace(/_/g, " ") : "Twilio not connected"}</dd>
        </dl>
        {sending.warning && <p className="mt-2 text-sm text-amber-900 dark:text-amber-300">{sending.warning}</p>}
      </Section>

      <Section
        id="company-hours"
        title="Company hours"
        description="The law's hours (federal 8 am to 9 pm and each state's own, in the recipient's local time) always apply. Your own hours can only make them stricter."
      >
        <CompanyHoursForm action={saveCompanyHoursAction} hours={hours} />
      </Section>

      <Section title={`Replies to review (${flagged.length})`} description="Replies that read like “stop” in words. Confirm the opt-out, or keep the number textable.">
        {flagged.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing to review.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
              <thead>
                <tr>
                  <th scope="col" className={th}>Contact</th>
                  <th scope="col" className={th}>Reply</th>
                  <th scope="col" className={th}>Flagged</th>
                  <th scope="col" className={th}>Decision</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {flagged.map((f) => (
                  <tr key={f.id}>
                    <td className={td}>
                      <Link className="underline" href={contactHref(f.contactType, f.contactId)}>
                        {f.contactName || f.from}
                      </Link>
                    </td>
                    <td className={`${td} max-w-xs break-words`}>
                      “{f.content}”<br />
                      <span className="text-xs text-slate-600 dark:text-slate-400">{f.reason}</span>
                    </td>
                    <td className={td}>{when(f.flaggedAt)}</td>
                    <td className={td}>
                      <FlaggedReplyActions id={f.id} name={f.contactName || f.from || "this contact"} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section title={`Deferred texts (${deferred.length})`} description="Texts held until the recipient's allowed hours, with the rule that held them. They go on their own.">
        {deferred.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No text is waiting.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
              <thead>
                <tr>
                  <th scope="col" className={th}>Contact</th>
                  <th scope="col" className={th}>Goes at</th>
                  <th scope="col" className={th}>Why</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {deferred.map((d) => (
                  <tr key={d.id}>
                    <td className={td}>
                      <Link className="underline" href={contactHref(d.contactType, d.contactId)}>
                        {d.contactName || "Contact"}
                      </Link>
                    </td>
                    <td className={td}>{when(d.until)}</td>
                    <td className={`${td} max-w-md`}>{d.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section title={`Opted-out numbers (${optOuts.length})`} description="Never texted, whoever or whatever sends, until they reply START.">
        {optOuts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No number has opted out.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
              <thead>
                <tr>
                  <th scope="col" className={th}>Number</th>
                  <th scope="col" className={th}>Since</th>
                  <th scope="col" className={th}>How</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {optOuts.map((o) => (
                  <tr key={o.number}>
                    <td className={td}>{o.number}</td>
                    <td className={td}>{when(o.changedAt)}</td>
                    <td className={td}>
                      {o.source === "keyword" ? `Replied ${o.keyword ?? "STOP"}` : o.source === "review" ? "Confirmed from a reply" : o.source === "twilio" ? "Twilio refused (21610)" : "Set by an admin"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
