import { Schema } from "mongoose";
import { customFieldsProblem } from "@/lib/validation/custom-fields";
import { E164_PATTERN, normalizePhone, PHONE_MESSAGE } from "@/lib/validation/phone";
import { EMAIL_MESSAGE, EMAIL_PATTERN, normalizeEmail } from "@/lib/validation/email";
import { tenantGuardPlugin } from "@/lib/db/tenant-guard";
import { PROPERTY_TYPES } from "./property-types";

export const timestamps = { createdAt: "created_at", updatedAt: "updated_at" } as const;

export function baseOptions(collection: string) {
  return { collection, timestamps, versionKey: false as const, strict: true as const };
}

/** For append-only logs (activities, analytics): created_at only. */
export function appendOnlyOptions(collection: string) {
  return { collection, timestamps: { createdAt: "created_at", updatedAt: false } as const, versionKey: false as const, strict: true as const };
}

/** tenant_id for tenant-owned collections: required, never changed after creation. */
export const tenantField = {
  type: Schema.Types.ObjectId,
  ref: "Tenant",
  required: [true, "tenant_id is required"] as [boolean, string],
  immutable: true,
};

/** Adds the tenant guard to a tenant-owned schema. */
export function tenantOwned<S extends Schema>(schema: S): S {
  schema.plugin(tenantGuardPlugin);
  return schema;
}

/** Phone as E.164: typed formats are normalised by the setter, anything else fails validation. */
export function phoneField(required: boolean) {
  return {
    type: String,
    trim: true,
    required: (required ? [true, "phone is required"] : false) as [boolean, string] | boolean,
    set: (v: unknown) => (typeof v === "string" && v.trim() ? (normalizePhone(v) ?? v) : v || undefined),
    validate: { validator: (v: string) => E164_PATTERN.test(v), message: PHONE_MESSAGE },
  };
}

export function emailField(required = false) {
  return {
    type: String,
    required: (required ? [true, "email is required"] : false) as [boolean, string] | boolean,
    maxlength: [254, "email must be at most 254 characters"] as [number, string],
    set: (v: unknown) => (typeof v === "string" && v.trim() ? normalizeEmail(v) : undefined),
    validate: { validator: (v: string) => EMAIL_PATTERN.test(v), message: EMAIL_MESSAGE },
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
  { _id: false },
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
  { _id: false },
);
