import { z } from "zod";
import { text } from "../shared/schemas";
import { postView } from "./posts.schemas";

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_LIMIT_MAX = 50;
/** Ranked results are recomputed for every page, so deep pages are refused early. */
export const SEARCH_OFFSET_MAX = 1000;

export const searchInput = z.strictObject({
  q: text("A search query is required")
    .trim()
    .min(1, "A search query is required")
    .max(SEARCH_QUERY_MAX, `A search query must be at most ${SEARCH_QUERY_MAX} characters`)
    .describe(
      'Words to find in titles, descriptions and bodies; "quoted phrases", `or` and ' +
        "`-excluded` words as in web search engines",
    ),
  limit: z.coerce
    .number<number | string>({ error: "Must be a number" })
    .int("Must be a whole number")
    .min(1, "Must be at least 1")
    .max(SEARCH_LIMIT_MAX, `Must be at most ${SEARCH_LIMIT_MAX}`)
    .default(20),
  offset: z.coerce
    .number<number | string>({ error: "Must be a number" })
    .int("Must be a whole number")
    .min(0, "Must not be negative")
    .max(SEARCH_OFFSET_MAX, `Must be at most ${SEARCH_OFFSET_MAX}`)
    .default(0),
});
export type SearchInput = z.input<typeof searchInput>;

export const searchPage = z.object({
  items: z.array(postView).describe("The best matches first (title above description above body)"),
  nextOffset: z.number().int().nullable().describe("The offset of the next page; null on the last"),
});
export type SearchPage = z.infer<typeof searchPage>;
