// Rendering a template's `{{variables}}` into the words a contact receives. Pure: shared by the
// server (every send renders again before it goes) and the compose box (live preview). A variable
// without a value is an error naming it, never an empty gap ("Hi , ..." reaches no seller).
import { dayOf } from "@/lib/validation/date";

/** The variables every template may use, with what they mean (listed in the editor). */
export const STANDARD_VARIABLES = {
  first_name: "The contact's first name",
  last_name: "The contact's last name",
  property_address: "The lead's property address",
  rep_name: "Your name (the sender)",
  company_name: "Your company's name",
} as const;

/** Values the sender types when sending (they differ every time: an offer, a meeting time). */
export const FILL_IN_VARIABLES = {
  offer_amount: "The offer amount (typed when sending)",
  appointment_time: "The appointment time (typed when sending)",
} as const;

/** Other names accepted for a standard variable (the demo data's templates say agent_name). */
export const VARIABLE_ALIASES: Record<string, StandardVariable> = { agent_name: "rep_name" };

export type StandardVariable = keyof typeof STANDARD_VARIABLES;
export type FillInVariable = keyof typeof FILL_IN_VARIABLES;

/** Custom fields are written `{{custom.<key>}}`, with the key of a lead custom field. */
export const CUSTOM_PREFIX = "custom.";

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;

export type TemplateValues = Partial<Record<StandardVariable | FillInVariable, string | null | undefined>> & {
  custom?: Record<string, unknown>;
};

export type TemplateAnalysis = {
  /** Every variable used, in order of first use, as written (`first_name`, `custom.roof_age`). */
  variables: string[];
  /** Variables that are neither standard nor a known custom field (when custom keys are given). */
  unknown: string[];
  /** Braces that do not form a variable: `{{first name}}`, an unclosed `{{`. */
  syntaxErrors: string[];
};

/**
 * The variables a template uses and those it may not. `customKeys`: the company's custom field
 * keys; omitted, any well-formed `custom.<key>` is accepted.
 */
export function analyzeTemplate(content: string, customKeys?: Iterable<string>): TemplateAnalysis {
  const known = customKeys ? new Set(customKeys) : null;
  const variables: string[] = [];
  const unknown: string[] = [];
  const syntaxErrors: string[] = [];
  for (const match of content.matchAll(VARIABLE)) {
    const name = match[1];
    if (!NAME.test(name)) {
      syntaxErrors.push(`"${match[0]}" is not a variable: use lower-case letters, digits and _ (e.g. {{first_name}})`);
      continue;
    }
    if (!variables.includes(name)) variables.push(name);
  }
  for (const name of variables) if (!isKnownVariable(name, known)) unknown.push(name);
  const rest = content.replace(VARIABLE, "");
  if (rest.includes("{{")) syntaxErrors.push('A "{{" is not closed with "}}"');
  else if (rest.includes("}}")) syntaxErrors.push('A "}}" has no "{{" before it');
  return { variables, unknown, syntaxErrors };
}

function isKnownVariable(name: string, customKeys: Set<string> | null): boolean {
  if (name in STANDARD_VARIABLES || name in FILL_IN_VARIABLES || name in VARIABLE_ALIASES) return true;
  if (!name.startsWith(CUSTOM_PREFIX)) return false;
  const key = name.slice(CUSTOM_PREFIX.length);
  return customKeys ? customKeys.has(key) : key.length > 0;
}

export type RenderResult =
  | { ok: true; text: string; variables: string[] }
  | { ok: false; message: string; missing: string[]; unknown: string[]; syntaxErrors: string[] };

function valueOf(name: string, values: TemplateValues): string | null {
  const key = VARIABLE_ALIASES[name] ?? name;
  const raw = key.startsWith(CUSTOM_PREFIX) ? values.custom?.[key.slice(CUSTOM_PREFIX.length)] : values[key as StandardVariable | FillInVariable];
  if (raw === null || raw === undefined) return null;
  // A custom date field holds a calendar day (lib/validation/date.ts).
  if (raw instanceof Date) return dayOf(raw);
  if (typeof raw === "boolean") return raw ? "yes" : "no";
  if (Array.isArray(raw)) return raw.length ? raw.map(String).join(", ") : null;
  const text = String(raw).trim();
  return text === "" ? null : text;
}

/**
 * Fills every variable, or explains what stops it: the variables without a value, those that do
 * not exist, and malformed braces, in one message naming each ("No value for {{first_name}}").
 */
export function renderTemplate(content: string, values: TemplateValues, customKeys?: Iterable<string>): RenderResult {
  const analysis = analyzeTemplate(content, customKeys);
  const missing = analysis.variables.filter((v) => !analysis.unknown.includes(v) && valueOf(v, values) === null);
  if (missing.length || analysis.unknown.length || analysis.syntaxErrors.length) {
    const parts = [
      ...(missing.length ? [`No value for ${missing.map((m) => `{{${m}}}`).join(", ")}`] : []),
      ...(analysis.unknown.length ? [`Unknown variable${analysis.unknown.length > 1 ? "s" : ""} ${analysis.unknown.map((u) => `{{${u}}}`).join(", ")}`] : []),
      ...analysis.syntaxErrors,
    ];
    return { ok: false, message: `${parts.join(". ")}.`, missing, unknown: analysis.unknown, syntaxErrors: analysis.syntaxErrors };
  }
  const text = content.replace(VARIABLE, (_all, name: string) => valueOf(name, values) ?? "");
  return { ok: true, text, variables: analysis.variables };
}

/** The fill-in variables a template uses (the sender types their values). */
export function fillInVariablesOf(content: string): FillInVariable[] {
  return analyzeTemplate(content).variables.filter((v): v is FillInVariable => v in FILL_IN_VARIABLES);
}

/** An e-mail template's first line "Subject: ..." as its subject, the rest as its body. */
export function splitEmailTemplate(content: string): { subject: string | null; body: string } {
  const m = /^subject:[ \t]*(.*)\r?\n(?:\r?\n)?/i.exec(content);
  return m ? { subject: m[1].trim() || null, body: content.slice(m[0].length) } : { subject: null, body: content };
}

/** A person's single `name` split as templates need it: the first word, then the rest. */
export function splitName(name: string | null | undefined): { first_name: string | null; last_name: string | null } {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  return { first_name: words[0] ?? null, last_name: words.length > 1 ? words.slice(1).join(" ") : null };
}
