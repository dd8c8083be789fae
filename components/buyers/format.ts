// Display helpers for buyers (client and server).
import { labelOfLocationKey } from "@/lib/buyers/locations";

export { formatPhone } from "@/components/leads/list/format";

export const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
export const count = new Intl.NumberFormat("en-US");

export function priceRange(min?: number, max?: number): string {
  if (min == null && max == null) return "Any price";
  if (min == null) return `Up to ${money.format(max!)}`;
  if (max == null) return `${money.format(min)}+`;
  return `${money.format(min)}–${money.format(max)}`;
}

export const locationLabel = (key: string) => labelOfLocationKey(key);

export function shortDate(iso?: string): string {
  if (!iso) return "";
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}
