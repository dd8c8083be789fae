import { z } from "zod";
import { optional, shortText } from "../fields";

export const addressSchema = z.object({
  street: optional(shortText("Street", 200)),
  city: optional(shortText("City", 100)),
  state: optional(shortText("State", 50)),
  zip_code: optional(
    z
      .string()
      .trim()
      .regex(/^\d{5}(-?\d{4})?$/, "ZIP code must be 5 digits (or ZIP+4)"),
  ),
  county: optional(shortText("County", 100)),
});
