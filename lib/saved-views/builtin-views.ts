// Views every tenant has without saving anything. Client-safe: no server imports.

export type BuiltinView = { id: `builtin:${string}`; name: string; description: string; query: string };

export const BUILTIN_VIEWS: readonly BuiltinView[] = [
  {
    id: "builtin:my-follow-ups",
    name: "My follow-ups due today",
    description: "Open leads assigned to you with a follow-up due today or overdue, oldest first.",
    query: "assigned=me&follow_up=due&sort=next_follow_up&dir=asc",
  },
  {
    id: "builtin:new-untouched",
    name: "New and untouched",
    description: "New leads nobody has contacted yet, newest first.",
    query: "status=new&contacted=never",
  },
  {
    id: "builtin:hot",
    name: "Hot (high/urgent)",
    description: "Open leads with high or urgent priority, most urgent first.",
    query: "status=new,contacted,under_contract&priority=high,urgent&sort=priority&dir=desc",
  },
];

/** Built-in views of the deal list. */
export const BUILTIN_DEAL_VIEWS: readonly BuiltinView[] = [
  { id: "builtin:deals-open", name: "Open deals", description: "Pending and under contract, closing soonest first.", query: "status=pending,under_contract&sort=closing_date&dir=asc" },
  { id: "builtin:deals-no-buyer", name: "Open, no buyer yet", description: "Open wholesale deals nobody has been assigned to.", query: "status=pending,under_contract&type=wholesale&buyer=no" },
  { id: "builtin:deals-closed", name: "Closed, best first", description: "Closed deals by profit.", query: "status=closed&sort=profit&dir=desc" },
];

/** Built-in views of the buyer list (lib/buyers/list/list-query.ts parameters). */
export const BUILTIN_BUYER_VIEWS: readonly BuiltinView[] = [
  { id: "builtin:active-cash", name: "Active cash buyers", description: "Active buyers who pay cash.", query: "funding=cash&active=yes" },
  { id: "builtin:verified-pof", name: "Verified with proof of funds", description: "Verified buyers whose proof of funds is on file and not expired.", query: "verified=yes&pof=valid" },
  {
    id: "builtin:not-contacted-30",
    name: "Not contacted in 30 days",
    description: "Active buyers nobody has contacted in the last 30 days (or ever), longest ago first.",
    query: "active=yes&contacted=over_30d&sort=last_contacted&dir=asc",
  },
];

/** The built-in views of a list (the lead list's unless told). */
export function builtinViewsOf(scope: "leads" | "deals" | "buyers" = "leads"): readonly BuiltinView[] {
  return scope === "deals" ? BUILTIN_DEAL_VIEWS : scope === "buyers" ? BUILTIN_BUYER_VIEWS : BUILTIN_VIEWS;
}

export function findBuiltinView(id: string, scope: "leads" | "deals" | "buyers" = "leads"): BuiltinView | undefined {
  return builtinViewsOf(scope).find((v) => v.id === id);
}
