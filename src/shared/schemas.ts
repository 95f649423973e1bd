import { z } from "zod";

// Building blocks shared by every feature's input schemas.
export const id = z.coerce
  .number({ error: "Must be a number" })
  .int("Must be a whole number")
  .positive("Must be positive")
  .max(2_147_483_647, "Too large");

export const idParams = z.strictObject({ id });

export const pageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
