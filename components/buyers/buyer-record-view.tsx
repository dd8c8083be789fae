"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { updateBuyBoxAction, updateBuyerContactAction } from "@/app/t/[host]/buyers/actions";
import type { BuyerRecord } from "@/lib/buyers/buyer-record";
import { CREDIT_LABELS, EXPERIENCE_LABELS, FUNDING_LABELS, label, PROPERTY_TYPE_LABELS } from "@/lib/buyers/labels";
import { parseLocation } from "@/lib/buyers/locations";
import { buyBoxSchema } from "@/lib/buyers/schemas";
import type { BuyerMetrics } from "@/lib/buyers/metrics";
import { formatWhen } from "@/lib/leads/timeline/describe-entry";
import type { TimelineEntry } from "@/lib/leads/timeline/get-lead-timeline";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import { PROPERTY_TYPES } from "@/models/property-types";
import { Button } from "@/components/ui/button";
import { count, formatPhone, locationLabel, money, priceRange, shortDate } from "./format";
import { ProofOfFundsPanel } from "./proof-of-funds-panel";
import { sendChecked } from "@/lib/core/actions/payload-size";

type Props = {
  buyer: BuyerRecord;
  metrics: BuyerMetrics;
  timeline: TimelineEntry[];
  moreTimeline: boolean;
  timeZone: string;
  canWrite: boolean;
  canDelete: boolean;
  /** "Deals that fit this buyer" and the learned buy box (components/matching), rendered by the page. */
  matching?: React.ReactNode;
};
type Result = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** Field errors keyed by the form's field names ("box.price_max" → "price_max"). */
/** The first message of each field of a form's zod issues (checked here before anything is sent). */
function issueErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

function fieldErrorsOf(res: Result): Record<string, string> {
  if (res.ok || !res.fieldErrors) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.fieldErrors)) {
    const key = k.replace(/^(box|contact)\./, "").replace(/\.\d+$/, "");
    out[key] ??= v[0];
  }
  return out;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
      {message}
    </p>
  );
}

export function BuyerRecordView({ buyer, metrics, timeline, moreTimeline, timeZone, canWrite, matching }: Props) {
  return (
    <div className="space-y-4">
      <div>
        <Link href="/buyers" className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
          ← Buyers
        </Link>
        <h1 className="mt-1 text-2xl font-bold">{buyer.name}</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {[buyer.company, buyer.active ? "Active" : "Inactive", buyer.verified ? "Verified" : "Not verified", buyer.tags.length ? `Tags: ${buyer.tags.join(", ")}` : ""].filter(Boolean).join(" · ")}
        </p>
      </div>
      <MetricsPanel metrics={metrics} />
      <div className="grid gap-4 lg:grid-cols-2">
        <BuyBoxEditor buyer={buyer} canWrite={canWrite} />
        <div className="space-y-4">
          <ContactEditor buyer={buyer} canWrite={canWrite} />
          <ProofOfFundsPanel buyerId={buyer.id} proof={buyer.proofOfFunds} canWrite={canWrite} />
        </div>
      </div>
      {matching && <div id="buyer-matches">{matching}</div>}
      <BuyerTimeline entries={timeline} more={moreTimeline} timeZone={timeZone} />
    </div>
  );
}

function MetricsPanel({ metrics: m }: { metrics: BuyerMetrics }) {
  const items: [string, string, string][] = [
    ["Deals closed", count.format(m.dealsClosed), `of ${count.format(m.dealsOffered)} offered (assigned) to them`],
    ["Total deal size", money.format(m.totalDealSize), "what they paid, closed deals"],
    ["Average deal size", m.averageDealSize == null ? "—" : money.format(m.averageDealSize), ""],
    ["Conversion rate", m.conversionRate == null ? "—" : `${m.conversionRate}%`, "closed ÷ offered"],
    ["Average response time", m.averageResponseMinutes == null ? "—" : m.averageResponseMinutes >= 120 ? `${Math.round(m.averageResponseMinutes / 60)} h` : `${Math.round(m.averageResponseMinutes)} min`, m.responsesMeasured ? `${m.responsesMeasured} replies measured` : "no replies yet"],
    ["Deal velocity", m.dealVelocityDays == null ? "—" : `${m.dealVelocityDays} days`, "contract to close"],
    ["ROI", m.roiPercent == null ? "—" : `${m.roiPercent}%`, "our profit on their deals ÷ our cost"],
  ];
  return (
    <section aria-labelledby="metrics-heading" className={card}>
      <h2 id="metrics-heading" className="font-semibold">
        Performance <span className="text-xs font-normal text-slate-600 dark:text-slate-400">(computed from deals and messages)</span>
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {items.map(([k, v, hint]) => (
          <div key={k}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="text-lg font-semibold" data-testid={`metric-${k.toLowerCase().replace(/\s+/g, "-")}`}>
              {v}
            </dd>
            {hint && <dd className="text-xs text-slate-600 dark:text-slate-400">{hint}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

function BuyBoxEditor({ buyer, canWrite }: { buyer: BuyerRecord; canWrite: boolean }) {
  const id = useId();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState(false);
  const [types, setTypes] = useState<string[]>(buyer.box.property_types);
  const [min, setMin] = useState(buyer.box.price_min == null ? "" : String(buyer.box.price_min));
  const [max, setMax] = useState(buyer.box.price_max == null ? "" : String(buyer.box.price_max));
  const [locations, setLocations] = useState<string[]>(buyer.box.preferred_locations);
  const [place, setPlace] = useState("");
  const [funding, setFunding] = useState(buyer.box.funding_type ?? "");
  const [credit, setCredit] = useState(buyer.box.credit_score ?? "");
  const [experience, setExperience] = useState(buyer.box.experience_level ?? "");
  const [criteria, setCriteria] = useState(buyer.box.investment_criteria ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const addPlace = () => {
    if (!place.trim()) return;
    const parsed = parseLocation(place);
    if (!parsed.ok) return setErrors((e) => ({ ...e, preferred_locations: `Preferred locations: ${parsed.error}` }));
    setErrors(({ preferred_locations: _, ...rest }) => rest);
    if (!locations.includes(parsed.location.key)) setLocations([...locations, parsed.location.key]);
    setPlace("");
  };

  const submit = () => {
    setSaved(false);
    setFormError(null);
    // A place typed but not added yet is part of what is saved (or the reason nothing is).
    let keys = locations;
    if (place.trim()) {
      const parsed = parseLocation(place);
      if (!parsed.ok) return setErrors((e) => ({ ...e, preferred_locations: `Preferred locations: ${parsed.error}` }));
      if (!keys.includes(parsed.location.key)) keys = [...keys, parsed.location.key];
      setLocations(keys);
      setPlace("");
    }
    const box = { property_types: types, price_min: min, price_max: max, preferred_locations: keys, funding_type: funding, credit_score: credit, experience_level: experience, investment_criteria: criteria };
    // Checked here first: a field far past its limit would otherwise never reach the server's check.
    const local = buyBoxSchema.safeParse(box);
    if (!local.success) return setErrors(issueErrorsOf(local.error.issues));
    start(async () => {
      const res = (await updateBuyBoxAction({ id: buyer.id, box })) as Result;
      if (!res.ok) {
        setErrors(fieldErrorsOf(res));
        setFormError(res.error);
        return;
      }
      setErrors({});
      setEditing(false);
      setSaved(true);
      router.refresh();
    });
  };

  const b = buyer.box;
  if (!editing) {
    return (
      <section aria-labelledby={`${id}-h`} className={card}>
        <div className="flex items-center justify-between gap-2">
          <h2 id={`${id}-h`} className="font-semibold">
            Buy box
          </h2>
          {canWrite && (
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit buy box
            </Button>
          )}
        </div>
        {saved && (
          <p role="status" className="mt-2 text-sm text-emerald-800 dark:text-emerald-300">
            Buy box saved.
          </p>
        )}
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Property types</dt>
          <dd>{b.property_types.length ? b.property_types.map((t) => label(PROPERTY_TYPE_LABELS, t)).join(", ") : "Any"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Price range</dt>
          <dd data-testid="buy-box-price">{priceRange(b.price_min, b.price_max)}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Locations</dt>
          <dd>{b.preferred_locations.length ? b.preferred_locations.map(locationLabel).join("; ") : "Anywhere"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Funding</dt>
          <dd>{label(FUNDING_LABELS, b.funding_type) || "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Credit band</dt>
          <dd>{label(CREDIT_LABELS, b.credit_score) || "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Experience</dt>
          <dd>{label(EXPERIENCE_LABELS, b.experience_level) || "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Criteria notes</dt>
          <dd className="whitespace-pre-wrap">{b.investment_criteria || "—"}</dd>
        </dl>
      </section>
    );
  }

  const err = (k: string) => (errors[k] ? { "aria-invalid": true as const, "aria-describedby": `${id}-${k}-error` } : {});
  return (
    <section aria-labelledby={`${id}-h`} className={card}>
      <h2 id={`${id}-h`} className="font-semibold">
        Edit buy box
      </h2>
      <form
        noValidate
        className="mt-3 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset {...err("property_types")}>
          <legend className="text-sm font-semibold">Property types</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {PROPERTY_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={types.includes(t)} onChange={(e) => setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))} />
                {PROPERTY_TYPE_LABELS[t]}
              </label>
            ))}
          </div>
          <FieldError id={`${id}-property_types-error`} message={errors.property_types} />
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={`${id}-min`} className="text-sm font-semibold">
              Minimum price
            </label>
            <input id={`${id}-min`} name="price_min" inputMode="numeric" className={inputClass} value={min} onChange={(e) => setMin(e.target.value)} {...err("price_min")} />
            <FieldError id={`${id}-price_min-error`} message={errors.price_min} />
          </div>
          <div>
            <label htmlFor={`${id}-max`} className="text-sm font-semibold">
              Maximum price
            </label>
            <input id={`${id}-max`} name="price_max" inputMode="numeric" className={inputClass} value={max} onChange={(e) => setMax(e.target.value)} {...err("price_max")} />
            <FieldError id={`${id}-price_max-error`} message={errors.price_max} />
          </div>
        </div>
        <div>
          <label htmlFor={`${id}-place`} className="text-sm font-semibold">
            Add a preferred location
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-place`}
              className={inputClass}
              value={place}
              placeholder="75201, Dallas TX, Dallas County TX or Texas"
              onChange={(e) => setPlace(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addPlace();
                }
              }}
              {...err("preferred_locations")}
            />
            <Button size="sm" className="mt-1" onClick={addPlace}>
              Add
            </Button>
          </div>
          <FieldError id={`${id}-preferred_locations-error`} message={errors.preferred_locations} />
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="Preferred locations">
            {locations.map((k) => (
              <li key={k} className="flex items-center gap-1 rounded-full bg-slate-100 px-3 py-1 text-sm dark:bg-slate-800">
                {locationLabel(k)}
                <button type="button" className="ml-1 rounded px-1 text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-700" aria-label={`Remove ${locationLabel(k)}`} onClick={() => setLocations(locations.filter((x) => x !== k))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          {(
            [
              ["funding_type", "Funding", funding, setFunding, FUNDING_TYPES, FUNDING_LABELS],
              ["credit_score", "Credit band", credit, setCredit, CREDIT_SCORES, CREDIT_LABELS],
              ["experience_level", "Experience", experience, setExperience, EXPERIENCE_LEVELS, EXPERIENCE_LABELS],
            ] as const
          ).map(([key, text, value, set, values, labels]) => (
            <div key={key}>
              <label htmlFor={`${id}-${key}`} className="text-sm font-semibold">
                {text}
              </label>
              <select id={`${id}-${key}`} className={inputClass} value={value} onChange={(e) => set(e.target.value)} {...err(key)}>
                <option value="">Not set</option>
                {values.map((v) => (
                  <option key={v} value={v}>
                    {labels[v]}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-${key}-error`} message={errors[key]} />
            </div>
          ))}
        </div>
        <div>
          <label htmlFor={`${id}-criteria`} className="text-sm font-semibold">
            Criteria notes
          </label>
          <textarea id={`${id}-criteria`} rows={3} className={inputClass} value={criteria} onChange={(e) => setCriteria(e.target.value)} {...err("investment_criteria")} />
          <FieldError id={`${id}-investment_criteria-error`} message={errors.investment_criteria} />
        </div>
        {formError && Object.keys(errors).length === 0 && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {formError}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Saving…" : "Save buy box"}
          </Button>
          <Button onClick={() => setEditing(false)}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

function ContactEditor({ buyer, canWrite }: { buyer: BuyerRecord; canWrite: boolean }) {
  const id = useId();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState(false);
  const [v, setV] = useState({ name: buyer.name, phone: buyer.phone, email: buyer.email ?? "", company: buyer.company ?? "", website: buyer.website ?? "", notes: buyer.notes ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const fields: [keyof typeof v, string, string][] = [
    ["name", "Name", "text"],
    ["phone", "Phone", "tel"],
    ["email", "E-mail", "email"],
    ["company", "Company", "text"],
    ["website", "Website", "url"],
  ];
  if (!editing) {
    return (
      <section aria-labelledby={`${id}-h`} className={card}>
        <div className="flex items-center justify-between gap-2">
          <h2 id={`${id}-h`} className="font-semibold">
            Contact
          </h2>
          {canWrite && (
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit contact
            </Button>
          )}
        </div>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Phone</dt>
          <dd>
            <a href={`tel:${buyer.phone}`} className="underline-offset-2 hover:underline">
              {formatPhone(buyer.phone)}
            </a>
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">E-mail</dt>
          <dd>{buyer.email ?? "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Company</dt>
          <dd>{buyer.company ?? "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Website</dt>
          <dd className="break-all">{buyer.website ?? "—"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Last contacted</dt>
          <dd>{buyer.lastContacted ? shortDate(buyer.lastContacted) : "Never"}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Notes</dt>
          <dd className="whitespace-pre-wrap">{buyer.notes ?? "—"}</dd>
        </dl>
      </section>
    );
  }
  return (
    <section aria-labelledby={`${id}-h`} className={card}>
      <h2 id={`${id}-h`} className="font-semibold">
        Edit contact
      </h2>
      <form
        noValidate
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const res = (await sendChecked(updateBuyerContactAction, { id: buyer.id, contact: v })) as Result;
            if (!res.ok) {
              setErrors(fieldErrorsOf(res));
              setFormError(res.error);
              return;
            }
            setErrors({});
            setFormError(null);
            setEditing(false);
            router.refresh();
          });
        }}
      >
        {fields.map(([k, text, type]) => (
          <div key={k}>
            <label htmlFor={`${id}-${k}`} className="text-sm font-semibold">
              {text}
            </label>
            <input id={`${id}-${k}`} type={type} className={inputClass} value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `${id}-${k}-error` : undefined} />
            <FieldError id={`${id}-${k}-error`} message={errors[k]} />
          </div>
        ))}
        <div>
          <label htmlFor={`${id}-notes`} className="text-sm font-semibold">
            Notes
          </label>
          <textarea id={`${id}-notes`} rows={3} className={inputClass} value={v.notes} onChange={(e) => setV({ ...v, notes: e.target.value })} />
          <FieldError id={`${id}-notes-error`} message={errors.notes} />
        </div>
        {formError && Object.keys(errors).length === 0 && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {formError}
          </p>
        )}
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? "Saving…" : "Save contact"}
          </Button>
          <Button onClick={() => setEditing(false)}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

function BuyerTimeline({ entries, more, timeZone }: { entries: TimelineEntry[]; more: boolean; timeZone: string }) {
  return (
    <section aria-labelledby="buyer-timeline-h" className={card}>
      <h2 id="buyer-timeline-h" className="font-semibold">
        History
      </h2>
      <ol className="mt-3 space-y-3" aria-label="History, newest first">
        {entries.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">Nothing yet.</li>}
        {entries.map((e) => {
          const title =
            e.kind === "communication"
              ? `${e.type === "sms" ? "Text" : e.type === "call" ? "Call" : "E-mail"} ${e.direction === "inbound" ? "from buyer" : "to buyer"}${e.status ? ` · ${e.status}` : ""}`
              : (e.description ?? e.type.replace(/_/g, " "));
          return (
            <li key={`${e.kind}-${e.id}`} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
              <p className="text-sm font-medium">{title}</p>
              {e.kind === "communication" && e.content && <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-800 dark:text-slate-200">{e.content}</p>}
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {formatWhen(e.at, timeZone)}
                {e.kind === "activity" ? ` · by ${e.actorLabel}` : e.userName ? ` · ${e.userName}` : ""}
              </p>
            </li>
          );
        })}
      </ol>
      {more && <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Older entries are in the activity log.</p>}
    </section>
  );
}
