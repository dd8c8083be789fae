"use client";

import { useId, useState } from "react";
import { parseLocation } from "@/lib/buyers/locations";
import { CONTACTED_FILTERS, POF_FILTERS, type BuyerListQuery } from "@/lib/buyers/list/list-query";
import { CREDIT_LABELS, EXPERIENCE_LABELS, FUNDING_LABELS, PROPERTY_TYPE_LABELS } from "@/lib/buyers/labels";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import { PROPERTY_TYPES } from "@/models/property-types";
import { Button } from "@/components/ui/button";
import { locationLabel } from "./format";

export const CONTACTED_LABELS: Record<(typeof CONTACTED_FILTERS)[number], string> = {
  "7d": "Contacted in the last 7 days",
  "30d": "Contacted in the last 30 days",
  over_30d: "Not contacted in 30 days",
  never: "Never contacted",
};
export const POF_LABELS: Record<(typeof POF_FILTERS)[number], string> = { valid: "Proof of funds valid", expired: "Proof of funds expired", none: "No proof of funds" };

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

function Checks<T extends string>({ legend, values, labels, chosen, onChange }: { legend: string; values: readonly T[]; labels: Record<string, string>; chosen: T[]; onChange: (v: T[]) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {values.map((v) => (
          <label key={v} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={chosen.includes(v)} onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))} />
            {labels[v] ?? v}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function YesNo({ label, value, onChange, yes, no }: { label: string; value: boolean | undefined; onChange: (v: boolean | undefined) => void; yes: string; no: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <select id={id} className={inputClass} value={value === undefined ? "" : value ? "yes" : "no"} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "yes")}>
        <option value="">Any</option>
        <option value="yes">{yes}</option>
        <option value="no">{no}</option>
      </select>
    </div>
  );
}

/** Every filter of the buyer list; each change moves the URL (and so the list). */
export function BuyerFilters({ query, tags, onChange }: { query: BuyerListQuery; tags: string[]; onChange: (c: Partial<BuyerListQuery>) => void }) {
  const id = useId();
  const [price, setPrice] = useState(query.price === undefined ? "" : String(query.price));
  const [priceError, setPriceError] = useState<string | null>(null);
  const [place, setPlace] = useState("");
  const [placeError, setPlaceError] = useState<string | null>(null);

  const applyPrice = () => {
    const text = price.replace(/[$,\s]/g, "");
    if (!text) return onChange({ price: undefined });
    if (!/^\d{1,10}$/.test(text)) return setPriceError("Price must be a whole number of dollars, 0 or more");
    setPriceError(null);
    onChange({ price: Number(text) });
  };
  const addPlace = () => {
    const parsed = parseLocation(place);
    if (!parsed.ok) return setPlaceError(`Location: ${parsed.error}`);
    setPlaceError(null);
    setPlace("");
    if (!query.loc.includes(parsed.location.key)) onChange({ loc: [...query.loc, parsed.location.key] });
  };

  return (
    <section id="buyer-filters" aria-label="Filters" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2 lg:grid-cols-3 dark:border-slate-700 dark:bg-slate-900">
      <Checks legend="Property types" values={PROPERTY_TYPES} labels={PROPERTY_TYPE_LABELS} chosen={query.types} onChange={(types) => onChange({ types })} />
      <Checks legend="Funding" values={FUNDING_TYPES} labels={FUNDING_LABELS} chosen={query.funding} onChange={(funding) => onChange({ funding })} />
      <Checks legend="Experience" values={EXPERIENCE_LEVELS} labels={EXPERIENCE_LABELS} chosen={query.experience} onChange={(experience) => onChange({ experience })} />
      <Checks legend="Credit band" values={CREDIT_SCORES} labels={CREDIT_LABELS} chosen={query.credit} onChange={(credit) => onChange({ credit })} />
      <div>
        <label htmlFor={`${id}-price`} className="text-sm font-semibold">
          Buys at this price
        </label>
        <div className="flex gap-2">
          <input id={`${id}-price`} inputMode="numeric" className={inputClass} value={price} aria-invalid={Boolean(priceError)} aria-describedby={priceError ? `${id}-price-error` : undefined} onChange={(e) => setPrice(e.target.value)} onKeyDown={(e) => e.key === "Enter" && applyPrice()} placeholder="e.g. 180,000" />
          <Button size="sm" className="mt-1" onClick={applyPrice}>
            Apply
          </Button>
        </div>
        {priceError && (
          <p id={`${id}-price-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {priceError}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-place`} className="text-sm font-semibold">
          Wants this location
        </label>
        <div className="flex gap-2">
          <input id={`${id}-place`} className={inputClass} value={place} aria-invalid={Boolean(placeError)} aria-describedby={placeError ? `${id}-place-error` : undefined} onChange={(e) => setPlace(e.target.value)} onKeyDown={(e) => e.key === "Enter" && addPlace()} placeholder="ZIP, city + state, county or state" />
          <Button size="sm" className="mt-1" onClick={addPlace}>
            Add
          </Button>
        </div>
        {placeError && (
          <p id={`${id}-place-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {placeError}
          </p>
        )}
        {query.loc.length > 0 && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{query.loc.map(locationLabel).join(" · ")}</p>}
      </div>
      <YesNo label="Active" value={query.active} onChange={(active) => onChange({ active })} yes="Active" no="Inactive" />
      <YesNo label="Verified" value={query.verified} onChange={(verified) => onChange({ verified })} yes="Verified" no="Not verified" />
      <YesNo label="Closed deals with us" value={query.closed} onChange={(closed) => onChange({ closed })} yes="Has closed deals" no="No closed deals" />
      <div>
        <label htmlFor={`${id}-pof`} className="text-sm font-semibold">
          Proof of funds
        </label>
        <select id={`${id}-pof`} className={inputClass} value={query.pof ?? ""} onChange={(e) => onChange({ pof: (e.target.value || undefined) as BuyerListQuery["pof"] })}>
          <option value="">Any</option>
          {POF_FILTERS.map((p) => (
            <option key={p} value={p}>
              {POF_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-contacted`} className="text-sm font-semibold">
          Last contacted
        </label>
        <select id={`${id}-contacted`} className={inputClass} value={query.contacted ?? ""} onChange={(e) => onChange({ contacted: (e.target.value || undefined) as BuyerListQuery["contacted"] })}>
          <option value="">Any time</option>
          {CONTACTED_FILTERS.map((c) => (
            <option key={c} value={c}>
              {CONTACTED_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      {tags.length > 0 && <Checks legend="Tags" values={tags} labels={{}} chosen={query.tags} onChange={(t) => onChange({ tags: t })} />}
    </section>
  );
}
