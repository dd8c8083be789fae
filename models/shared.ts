import mongoose, { Schema, type Model } from "mongoose";
import { customFieldsProblem } from "@/lib/validation/custom-fields";
import { E164_PATTERN, normalizePhone, PHONE_MESSAGE } from "@/lib/validation/phone";
import { EMAIL_MESSAGE, isEmail, normalizeEmail } from "@/lib/validation/email";
import { tenantGuardPlugin } from "@/lib/core/db/tenant-guard";
import { limitWriteBatches } from "@/lib/core/db/write-batches";
import { PROPERTY_TYPES } from "./property-types";

// Updates validate like saves (enums, phone, e-mail, lengths, ranges), whichever code path runs
// them; a caller may still opt out with `runValidators: false`.
mongoose.set("runValidators", true);
// Every model's writes are bounded, whichever connection they use (lib/core/db/write-batches.ts).
limitWriteBatches();

export const timestamps = { createdAt: "created_at", updatedAt: "updated_at" } as const;

/**
 * Options of a subdocument's schema (an address, a phone): like the collection's own, a field it
 * does not have is refused, not dropped (a subdocument does not inherit its parent's `strict`).
 */
export const subdocumentOptions = { _id: false, strict: "throw" } as const;

// Unknown fields are refused ("Field `asking_prise` is not in schema"), on create and on update:
// a misspelled field must fail loudly, never vanish.
export function baseOptions(collection: string) {
  return { collection, timestamps, versionKey: false as const, strict: "throw" as const };
}

/** For append-only logs (activities, analytics): created_at only. */
export function appendOnlyOptions(collection: string) {
  return { collection, timestamps: { createdAt: "created_at", updatedAt: false } as const, versionKey: false as const, strict: "throw" as const };
}

/** tenant_id for tenant-owned collections: required, never changed after creation. */
export const tenantField = {
  type: Schema.Types.ObjectId,
  ref: "Tenant",
  required: [true, "tenant_id is required"] as [boolean, string],
  immutable: true,
};

/** Adds the tenant guard to a tenant-owned schema, and update validators to its bulk writes. */
export function tenantOwned<S extends Schema>(schema: S): S {
  schema.plugin(tenantGuardPlugin);
  schema.plugin(validateBulkUpdates);
  schema.plugin(noHiddenPathProjectionInFindAndModify);
  return schema;
}

/**
 * FerretDB refuses any projection in findAndModify ("support for field \"fields\" ... is not
 * implemented yet"), and Mongoose sends one for every path declared `select: false` (the contact
 * counters' bookkeeping on leads and buyers): findOneAndUpdate, findOneAndDelete and
 * findOneAndReplace on such a model failed outright. Without a projection of the caller's own, they
 * skip the schema's hidden paths, so the returned document may carry them; nothing returned by
 * these calls is shown as is.
 */
function noHiddenPathProjectionInFindAndModify(schema: Schema): void {
  schema.pre(["findOneAndUpdate", "findOneAndDelete", "findOneAndReplace"], function (this: any) {
    const own = this.projection();
    if (!own || Object.keys(own).length === 0) this.setOptions({ schemaLevelProjections: false });
  });
}

/**
 * Mongoose's bulkWrite validates inserted and replacing documents but never runs update
 * validators: run them for each updateOne/updateMany, as updateOne() itself would.
 */
function validateBulkUpdates(schema: Schema): void {
  schema.pre("bulkWrite", async function (this: Model<unknown>, ...args: any[]) {
    const ops = args.find((a) => Array.isArray(a)) as Record<string, any>[] | undefined;
    const options = args.find((a) => a && typeof a === "object" && !Array.isArray(a)) as { runValidators?: boolean } | undefined;
    if (options?.runValidators === false) return;
    for (const op of ops ?? []) {
      const [kind, spec] = Object.entries(op)[0] as [string, any];
      if ((kind !== "updateOne" && kind !== "updateMany") || spec.runValidators === false) continue;
      const query: any = this[kind](spec.filter, spec.update, { upsert: spec.upsert, arrayFilters: spec.arrayFilters });
      await query.validate(query._castUpdate(query.getUpdate()), query.getOptions(), false);
    }
  });
}

const UPDATE_QUERIES = ["updateOne", "updateMany", "findOneAndUpdate"];
const REDERIVE = Symbol("rederive");
const WRITTEN = Symbol("written");

/** The paths an update writes (`$rename` both ways); a pipeline update may write any. */
function pathsWritten(update: unknown): string[] | "any" {
  if (Array.isArray(update)) return "any";
  const paths: string[] = [];
  for (const [key, value] of Object.entries((update ?? {}) as Record<string, unknown>)) {
    if (!key.startsWith("$")) paths.push(key);
    else if (value && typeof value === "object") {
      paths.push(...Object.keys(value));
      if (key === "$rename") paths.push(...Object.values(value).map(String));
    }
  }
  return paths;
}

/**
 * Fields derived on save (search keys, full address) stay true when an update query changes what
 * they derive from: the documents it matched are derived again right after it.
 */
export function rederiveAfterUpdates(schema: Schema, sources: string[], derive: (doc: any, written: string[] | "any") => Record<string, unknown>): void {
  const related = (path: string) => sources.some((s) => path === s || path.startsWith(`${s}.`) || s.startsWith(`${path}.`));
  schema.pre(UPDATE_QUERIES as unknown as RegExp, async function (this: any) {
    const paths = pathsWritten(this.getUpdate());
    if (paths !== "any" && !paths.some(related)) return;
    const matched = await this.model.find(this.getFilter(), { _id: 1 }).setOptions({ allTenants: this.getOptions().allTenants }).lean();
    this[REDERIVE] = matched.map((d: { _id: unknown }) => d._id);
    this[WRITTEN] = paths;
  });
  schema.post(UPDATE_QUERIES as unknown as RegExp, async function (this: any, res: any) {
    const ids: unknown[] | undefined = this[REDERIVE];
    if (!ids) return;
    if (res?.upsertedId) ids.push(res.upsertedId);
    if (res?._id) ids.push(res._id);
    // The ids come from the update's own (tenant-pinned) filter, so the raw collection is safe here.
    const docs = await this.model.collection.find({ _id: { $in: ids } }).toArray();
    const ops = docs.map((doc: any) => {
      const fields = Object.entries(derive(doc, this[WRITTEN] ?? "any"));
      const $set = Object.fromEntries(fields.filter(([, v]) => v !== undefined));
      const $unset = Object.fromEntries(fields.filter(([, v]) => v === undefined).map(([k]) => [k, 1]));
      const update = { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) };
      return { updateOne: { filter: { _id: doc._id }, update } };
    });
    const writes = ops.filter((op: any) => Object.keys(op.updateOne.update).length);
    if (writes.length) await this.model.collection.bulkWrite(writes);
  });
}

/**
 * What a setter makes of a value that is not text to normalise. Blank text and null mean "not
 * given", except for a required field, where they become null: an update that empties the field
 * is then refused as "… is required" instead of being dropped without a word.
 */
function blank(v: unknown, required: boolean): unknown {
  if (v === null || typeof v === "string") return required ? null : undefined;
  return v;
}

/** Phone as E.164: typed formats are normalised by the setter, anything else fails validation. */
export function phoneField(required: boolean) {
  return {
    type: String,
    trim: true,
    required: (required ? [true, "phone is required"] : false) as [boolean, string] | boolean,
    set: (v: unknown) => (typeof v === "string" && v.trim() ? (normalizePhone(v) ?? v) : blank(v, required)),
    validate: { validator: (v: string) => E164_PATTERN.test(v), message: PHONE_MESSAGE },
  };
}

export function emailField(required = false) {
  return {
    type: String,
    required: (required ? [true, "email is required"] : false) as [boolean, string] | boolean,
    maxlength: [254, "email must be at most 254 characters"] as [number, string],
    set: (v: unknown) => (typeof v === "string" && v.trim() ? normalizeEmail(v) : blank(v, required)),
    validate: { validator: isEmail, message: EMAIL_MESSAGE },
  };
}

export function nameField(label = "name") {
  return {
    type: String,
    trim: true,
    required: [true, `${label} is required`] as [boolean, string],
    minlength: [1, `${label} must be 1 to 100 characters`] as [number, string],
    maxlength: [100, `${label} must be 1 to 100 characters`] as [number, string],
  };
}

export function enumField<V extends readonly string[]>(values: V, label: string, defaultValue?: V[number]) {
  return {
    type: String,
    enum: { values: values as unknown as string[], message: `${label} must be one of: ${values.join(", ")}` },
    ...(defaultValue ? { default: defaultValue } : {}),
  };
}

export function money(label: string) {
  return { type: Number, min: [0, `${label} cannot be negative`] as [number, string] };
}

export const customFieldsField = {
  type: Schema.Types.Mixed,
  default: undefined,
  validate: {
    validator: (v: unknown) => customFieldsProblem(v) === null,
    message: (props: { value: unknown }) => customFieldsProblem(props.value) ?? "invalid custom fields",
  },
};

export { PROPERTY_TYPES } from "./property-types";

export const addressSchema = new Schema(
  {
    street: { type: String, trim: true, maxlength: 200 },
    city: { type: String, trim: true, maxlength: 100 },
    state: { type: String, trim: true, maxlength: 50 },
    zip_code: { type: String, trim: true, maxlength: 20 },
    county: { type: String, trim: true, maxlength: 100 },
    full_address: { type: String, trim: true, maxlength: 400 },
  },
  subdocumentOptions,
);

/** full_address is derived from the parts whenever they are set. */
export function fullAddress(a: { street?: string | null; city?: string | null; state?: string | null; zip_code?: string | null } | null | undefined) {
  if (!a) return undefined;
  const stateZip = [a.state, a.zip_code].filter(Boolean).join(" ");
  const text = [a.street, a.city, stateZip].filter(Boolean).join(", ");
  return text || undefined;
}

export const propertyDetailsSchema = new Schema(
  {
    type: enumField(PROPERTY_TYPES, "property type"),
    bedrooms: { type: Number, min: [0, "bedrooms cannot be negative"], max: [100, "bedrooms must be at most 100"] },
    bathrooms: { type: Number, min: [0, "bathrooms cannot be negative"], max: [100, "bathrooms must be at most 100"] },
    square_feet: { type: Number, min: [0, "square feet cannot be negative"] },
    lot_size: { type: Number, min: [0, "lot size cannot be negative"] },
    year_built: { type: Number, min: [1700, "year built must be 1700 or later"], max: [2100, "year built must be 2100 or earlier"] },
  },
  subdocumentOptions,
);

/**
 * The contact counters' bookkeeping on a lead or buyer (lib/contact-counters): the ledger of the
 * messages counted (lib/core/events/applied-ledger.ts) and the parts last_contacted is folded from.
 */
export const countersStateSchema = new Schema(
  {
    applied_floor: Number,
    applied: { type: [String], default: undefined },
    max_sent: Date,
    newest_created: Date,
    newest_share: Date,
    // Bumped by every write of the counters: a writer's update names the version it read.
    version: Number,
  },
  subdocumentOptions,
);
