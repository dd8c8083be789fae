// A lead's `phone` and `email` (the founding spec's fields) are always its primary number and
// address: `phones[0].number` and `emails[0].address`. These keep the two in step, whichever was
// written. Client-safe and free of Mongoose, so the model, the seed and the forms share them.
import { isEmail } from "@/lib/validation/email";

// Only a valid primary joins the list: an invalid one is refused as `phone` / `email` alone.
const E164 = /^\+[1-9]\d{1,14}$/;

export type PhoneEntry = { number: string; type?: string | null; status?: string | null };
export type EmailEntry = { address: string; type?: string | null; status?: string | null };
// What a stored list may hold (a Mongoose array, entries with missing parts).
type PhoneLike = { number?: string | null; type?: string | null; status?: string | null };
type EmailLike = { address?: string | null; type?: string | null; status?: string | null };

/**
 * The lead's phones after a write. `primaryWritten`: the write set `phone` (and not `phones`): it
 * replaces the primary number (an entry of the list with that number moves up, keeping its type
 * and status). Otherwise the list wins and `phone` follows it. Repeated numbers are kept once.
 */
export function syncPhones(phone: string | null | undefined, phones: ArrayLike<PhoneLike> | null | undefined, primaryWritten: boolean): { phone: string | undefined; phones: PhoneEntry[] } {
  let list = dedupe(Array.from(phones ?? []).filter((p): p is PhoneEntry => !!p?.number), (p) => p.number);
  if (phone && !E164.test(phone)) return { phone, phones: list.map((p) => ({ number: p.number, type: p.type || "unknown", status: p.status || "active" })) };
  if (phone && (primaryWritten || !list.length) && list[0]?.number !== phone) {
    const existing = list.find((p) => p.number === phone);
    const rest = primaryWritten && list.length ? list.slice(1) : list;
    list = [existing ?? { number: phone }, ...rest.filter((p) => p.number !== phone)];
  }
  list = list.map((p) => ({ number: p.number, type: p.type || "unknown", status: p.status || "active" }));
  return { phone: list[0]?.number ?? (phone || undefined), phones: list };
}

/** The same for e-mails: `email` is `emails[0].address`. An empty `email` written alone removes the primary. */
export function syncEmails(email: string | null | undefined, emails: ArrayLike<EmailLike> | null | undefined, primaryWritten: boolean): { email: string | undefined; emails: EmailEntry[] } {
  let list = dedupe(Array.from(emails ?? []).filter((e): e is EmailEntry => !!e?.address), (e) => e.address.toLowerCase());
  if (email && !isEmail(email)) return { email, emails: list.map((e) => ({ address: e.address, ...(e.type ? { type: e.type } : {}), ...(e.status ? { status: e.status } : {}) })) };
  if (primaryWritten) {
    const rest = list.slice(1);
    if (!email) list = rest;
    else if (list[0]?.address !== email) list = [list.find((e) => e.address === email) ?? { address: email }, ...rest.filter((e) => e.address !== email)];
  } else if (email && !list.length) list = [{ address: email }];
  list = list.map((e) => ({ address: e.address, ...(e.type ? { type: e.type } : {}), ...(e.status ? { status: e.status } : {}) }));
  return { email: list[0]?.address, emails: list };
}

function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A lead's phones as stored, or its one `phone` for a lead written before the list existed. */
export function phonesOf(lead: { phone?: string | null; phones?: ArrayLike<PhoneLike> | null }): PhoneEntry[] {
  return syncPhones(lead.phone, lead.phones, false).phones;
}

export function emailsOf(lead: { email?: string | null; emails?: ArrayLike<EmailLike> | null }): EmailEntry[] {
  return syncEmails(lead.email, lead.emails, false).emails;
}

/** A list with `phone` first: moved up when it is in the list, added when not (a create's `phone` is the primary). */
export function withPrimaryPhone<P extends PhoneEntry>(phone: string, phones: readonly P[]): PhoneEntry[] {
  const found = phones.find((p) => p.number === phone);
  return [found ?? { number: phone }, ...phones.filter((p) => p.number !== phone)];
}

export function withPrimaryEmail<E extends EmailEntry>(email: string | undefined, emails: readonly E[]): EmailEntry[] {
  if (!email) return [...emails];
  const found = emails.find((e) => e.address === email);
  return [found ?? { address: email }, ...emails.filter((e) => e.address !== email)];
}

// How strongly a status holds a number or address back: uniting two entries keeps the stronger, so
// a merge or an import never lifts a do-not-call, a wrong number or a do-not-e-mail.
const PHONE_STATUS_RANK: Record<string, number> = { active: 0, disconnected: 1, wrong_number: 2, do_not_call: 3 };
const EMAIL_STATUS_RANK: Record<string, number> = { active: 0, bounced: 1, do_not_email: 2 };

function unite<T extends { type?: string | null; status?: string | null }>(entries: readonly (T | null | undefined)[], key: (t: T) => string | null | undefined, rank: Record<string, number>, max: number): T[] {
  const byKey = new Map<string, T>();
  for (const entry of entries) {
    const k = entry && key(entry);
    if (!entry || !k) continue;
    const seen = byKey.get(k);
    if (!seen) {
      byKey.set(k, Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== null && v !== "")) as T);
      continue;
    }
    // A line type said by one and not the other (or "unknown") is kept; the stronger status wins.
    if ((!seen.type || seen.type === "unknown") && entry.type && entry.type !== "unknown") seen.type = entry.type;
    if ((rank[entry.status ?? ""] ?? 0) > (rank[seen.status ?? ""] ?? 0)) seen.status = entry.status;
  }
  return [...byKey.values()].slice(0, max);
}

/**
 * Two leads' (or a lead's and a file's) phones as one list, in order, each number once: a type one
 * of them knows and the stronger status (do not call over wrong number over disconnected over active).
 */
export function unitePhones<P extends PhoneLike>(phones: readonly (P | null | undefined)[], max: number): P[] {
  return unite(phones, (p) => p.number, PHONE_STATUS_RANK, max);
}

/** The same for e-mails (by address, case aside): do not e-mail over bounced over active. */
export function uniteEmails<E extends EmailLike>(emails: readonly (E | null | undefined)[], max: number): E[] {
  return unite(emails, (e) => e.address?.toLowerCase(), EMAIL_STATUS_RANK, max);
}
