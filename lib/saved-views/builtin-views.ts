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

export function findBuiltinView(id: string): BuiltinView | undefined {
  return BUILTIN_VIEWS.find((v) => v.id === id);
}
