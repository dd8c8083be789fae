// When a text or call may reach someone: the recipient's local time under the federal rule and
// every state rule that may apply, the strictest of all. Pure: the caller says where the person
// may be; nothing here reads the database or the clock.
import { ALL_US_ZONES, isUsState, locateAreaCode, zonesOfState } from "./area-codes";
import { FEDERAL_RULE, FREQUENCY_CAPS, isHoliday, STATE_RULES, type HoursRule, type Window } from "./outreach-rules";

/** One place the person may be: a state (whose rule applies) and the zones to read the clock in. */
export type OutreachLocation = { state: string | null; zones: string[]; source: "property" | "mailing" | "phone" | "unknown" };

export type HoursVerdict =
  | { allowed: true }
  | { allowed: false; until: Date; rule: string; reason: string };

type Address = { state?: string | null; zip_code?: string | null } | null | undefined;

// ZIP prefixes that keep another zone than the rest of their state.
const ZIP_ZONES: { state: string; prefixes: string[]; zone: string }[] = [
  { state: "FL", prefixes: ["324", "325"], zone: "America/Chicago" },
  { state: "TX", prefixes: ["798", "799", "885"], zone: "America/Denver" },
];
const ZIP_RULE_STATES = new Set(ZIP_ZONES.map((z) => z.state));

function addressLocation(address: Address, source: "property" | "mailing"): OutreachLocation | null {
  const state = address?.state?.trim().toUpperCase();
  if (!state || !isUsState(state)) return null;
  const zip = address?.zip_code?.trim() ?? "";
  const all = zonesOfState(state);
  if (ZIP_RULE_STATES.has(state) && /^\d{5}/.test(zip)) {
    const hit = ZIP_ZONES.find((z) => z.state === state && z.prefixes.includes(zip.slice(0, 3)));
    return { state, zones: [hit ? hit.zone : all[0]], source };
  }
  return { state, zones: all, source };
}

/**
 * Where a person may be, from (in the facts' order) the property address, the mailing address and
 * the phone's area code; every one known applies (an owner in Texas of a Florida house gets the
 * stricter of both). Nothing known: every US zone under the federal rule.
 */
export function outreachLocations(input: { property?: Address; mailing?: Address; phone?: string | null }): OutreachLocation[] {
  const out: OutreachLocation[] = [];
  const property = addressLocation(input.property, "property");
  const mailing = addressLocation(input.mailing, "mailing");
  if (property) out.push(property);
  if (mailing) out.push(mailing);
  const area = input.phone ? locateAreaCode(input.phone) : null;
  if (area) out.push({ state: area.state, zones: area.zones, source: "phone" });
  return out.length ? out : [{ state: null, zones: ALL_US_ZONES, source: "unknown" }];
}

type LocalTime = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localTime(at: Date, zone: string): LocalTime {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", weekday: "short" });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24, minute: +parts.minute, weekday: WEEKDAYS[parts.weekday] };
}

function windowFor(rule: HoursRule, t: LocalTime): Window {
  if (rule.where !== "US" && isHoliday(t.year, t.month, t.day)) return rule.holiday;
  if (t.weekday === 0) return rule.sunday;
  if (t.weekday === 6) return rule.saturday;
  return rule.weekday;
}

const hourWords = (h: number) => (h === 0 || h === 24 ? "midnight" : h === 12 ? "noon" : h < 12 ? `${h} am` : `${h - 12} pm`);
const clockWords = (t: LocalTime) => `${t.hour % 12 === 0 ? 12 : t.hour % 12}:${String(t.minute).padStart(2, "0")} ${t.hour < 12 ? "am" : "pm"}`;
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Block = { rule: HoursRule; zone: string; local: LocalTime; window: Window };

// Every rule that holds `at` back, per place and zone (the state rule first: when both hold a
// message back, the more specific one is named); `first` stops at the first.
function blocks(at: Date, locations: OutreachLocation[], extra: HoursRule[], first = false): Block[] {
  const out: Block[] = [];
  for (const loc of locations) {
    const rules = [...(loc.state && STATE_RULES[loc.state] ? [STATE_RULES[loc.state]] : []), ...extra, FEDERAL_RULE];
    for (const zone of loc.zones) {
      const local = localTime(at, zone);
      for (const rule of rules) {
        const window = windowFor(rule, local);
        if (!window || local.hour < window[0] || local.hour >= window[1]) {
          out.push({ rule, zone, local, window });
          if (first) return out;
        }
      }
    }
  }
  return out;
}

const firstBlock = (at: Date, locations: OutreachLocation[], extra: HoursRule[]): Block | null => blocks(at, locations, extra, true)[0] ?? null;

function describe(block: Block): string {
  const where = block.rule.where === "US" ? "The federal rule" : block.rule.name;
  const when = `${DAY_NAMES[block.local.weekday]} ${clockWords(block.local)} (${block.zone.replace(/^.*\//, "").replace(/_/g, " ")} time)`;
  if (!block.window) {
    const day = isHoliday(block.local.year, block.local.month, block.local.day) && block.rule.holiday === null ? "on holidays" : `on ${DAY_NAMES[block.local.weekday]}s`;
    return `${where} allows no texts or calls ${day}; it is ${when} for the recipient.`;
  }
  return `${where} allows texts and calls ${hourWords(block.window[0])} to ${hourWords(block.window[1])} the recipient's time; it is ${when} there.`;
}

/** No hour in the next two weeks is inside every window that applies (the rules contradict each other). */
export class NoAllowedHourError extends Error {
  constructor() {
    super("no allowed sending hour in the next two weeks: the hours rules contradict each other");
  }
}

/**
 * Whether `at` is inside every window that applies, or the next whole hour when all of them are
 * open (US zones are whole hours from UTC and every window starts on the hour), with the rule that
 * holds it back in words. `extra`: a company's own stricter hours.
 */
export function checkQuietHours(at: Date, locations: OutreachLocation[], extra: HoursRule[] = []): HoursVerdict {
  const block = firstBlock(at, locations, extra);
  if (!block) return { allowed: true };
  const t = new Date(at);
  t.setUTCMinutes(0, 0, 0);
  for (let i = 0; i < 24 * 14; i += 1) {
    t.setUTCHours(t.getUTCHours() + 1);
    if (!firstBlock(t, locations, extra)) {
      // The rule that held the message: one holding it back now and still in the hour before it
      // may go (the one that opened last), else the one holding it back now; read at `at`.
      const now = blocks(at, locations, extra);
      const lastHour = blocks(new Date(t.getTime() - 3600_000), locations, extra);
      const binding = now.find((b) => lastHour.some((l) => l.rule === b.rule && l.zone === b.zone)) ?? block;
      return { allowed: false, until: new Date(t), rule: binding.rule.where === "US" ? "federal" : binding.rule.where, reason: describe(binding) };
    }
  }
  throw new NoAllowedHourError();
}

/**
 * Florida's and Oklahoma's cap: at most N texts or calls to one person in any 24 hours. `recent`
 * are the times of the ones already sent or due (any order). Returns when the next one may go.
 */
export function checkFrequencyCap(at: Date, locations: OutreachLocation[], recent: Date[]): HoursVerdict {
  const capped = [...new Set(locations.map((l) => l.state).filter((s): s is string => !!s && !!FREQUENCY_CAPS[s]))];
  for (const state of capped) {
    const cap = FREQUENCY_CAPS[state];
    const windowMs = cap.windowHours * 3600_000;
    const inWindow = recent.filter((d) => d.getTime() > at.getTime() - windowMs && d.getTime() <= at.getTime()).sort((a, b) => a.getTime() - b.getTime());
    if (inWindow.length >= cap.max) {
      const until = new Date(inWindow[inWindow.length - cap.max].getTime() + windowMs + 60_000);
      return {
        allowed: false,
        until,
        rule: `${state}-cap`,
        reason: `${STATE_RULES[state]?.name ?? state} allows at most ${cap.max} texts or calls to one person in ${cap.windowHours} hours; ${inWindow.length} went in the last ${cap.windowHours}.`,
      };
    }
  }
  return { allowed: true };
}
