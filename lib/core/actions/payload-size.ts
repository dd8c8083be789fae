// Checked in the browser before a server action is called: Next refuses an action's request body
// over its limit (serverActions.bodySizeLimit, 1 MB by default) before any of our code runs, so
// 10 MB pasted into a notes box showed Next's error page instead of an error naming the field.
// No server imports: client components use this.

/** Next's default server-action body limit. */
export const ACTION_BODY_LIMIT = 1024 * 1024;
/** What a call may send: below the limit, leaving room for the framework's own encoding. */
export const ACTION_PAYLOAD_BUDGET = 1_000_000;

export type TooLarge = { ok: false; code: "payload_too_large"; error: string; fieldErrors: Record<string, string[]> };

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** "investment_criteria" → "Investment criteria". */
const humanize = (key: string) => {
  const words = key.replace(/[_.-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Every string in a value with its dotted path, as the server keys field errors ("contact.notes");
 * an array's strings count under the array's path, FormData entries under their names. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (typeof FormData !== "undefined" && value instanceof FormData) {
    for (const [k, v] of value.entries()) if (typeof v === "string") yield [k, v];
  } else if (Array.isArray(value)) {
    for (const v of value) yield* strings(v, path);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
  }
}

/**
 * null when `input` fits in a server-action request; otherwise a failure shaped like an action's,
 * naming the field holding the most text (labels[path] or labels[its last key], else that key made
 * readable) with the error under fieldErrors[path], where a form shows the server's field errors.
 */
export function tooLargeForAction(input: unknown, labels: Record<string, string> = {}, budget = ACTION_PAYLOAD_BUDGET): TooLarge | null {
  const all = [...strings(input, "")];
  const size = input instanceof FormData ? all.reduce((n, [k, v]) => n + bytes(k) + bytes(v) + 100, 0) : bytes(JSON.stringify(input) ?? "");
  if (size <= budget) return null;
  const per = new Map<string, number>();
  for (const [k, v] of all) per.set(k || "_form", (per.get(k || "_form") ?? 0) + v.length);
  const [path, chars] = [...per].sort((a, b) => b[1] - a[1])[0] ?? ["_form", 0];
  const leaf = path.slice(path.lastIndexOf(".") + 1);
  const name = labels[path] ?? labels[leaf] ?? humanize(leaf);
  const error = `${name} is too long to save (${chars.toLocaleString("en-US")} characters); shorten it and try again. Nothing was saved.`;
  return { ok: false, code: "payload_too_large", error, fieldErrors: { [path]: [error] } };
}

/**
 * Calls a server action unless its input is too large to send, in which case it answers the
 * failure above instead (nothing is sent, nothing saved). Use it for any action a free-text field
 * goes to: `await sendChecked(updateDealAction, input, { notes: "Notes" })`.
 */
export async function sendChecked<I, R>(action: (input: I) => Promise<R>, input: I, labels?: Record<string, string>): Promise<R | TooLarge> {
  return tooLargeForAction(input, labels) ?? action(input);
}
