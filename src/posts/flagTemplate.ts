import type { CachedPage } from "../cache/feedCache";

// A shared feed page differs between signed-in viewers only in two booleans per post: whether
// they favourited it and whether they follow its author. So each form a page is sent in (REST
// JSON, the RealWorld envelope, Wasp's superjson envelope) is serialised once per cached page,
// and a viewer's answer is that text with their flags written into its slots: no parsing, no
// serialising per request.

export type PostFlags = { favorited: boolean; following: boolean };

/** The text around the flags' slots; `chunks` has one more element than the slots. */
export type FlagTemplate = { chunks: Buffer[]; slots: (keyof PostFlags)[] };

const SLOT = /"(favorited|following)":false/g;

/**
 * Cuts `json` at each post's `"favorited":false` and `"following":false`, `count` posts in
 * order. JSON escapes every quote inside a string, so these patterns only ever match keys.
 * Null when the text does not hold exactly one of each per post (never for the views built
 * here, but then the caller falls back to objects).
 */
export function flagTemplate(json: string, count: number): FlagTemplate | null {
  const chunks: Buffer[] = [];
  const slots: (keyof PostFlags)[] = [];
  let from = 0;
  for (const match of json.matchAll(SLOT)) {
    const value = match.index + match[0].length - "false".length;
    chunks.push(Buffer.from(json.slice(from, value)));
    slots.push(match[1] as keyof PostFlags);
    from = value + "false".length;
  }
  chunks.push(Buffer.from(json.slice(from)));
  for (let post = 0; post < count; post++) {
    const pair = slots.slice(post * 2, post * 2 + 2);
    if (!pair.includes("favorited") || !pair.includes("following")) return null;
  }
  return slots.length === count * 2 ? { chunks, slots } : null;
}

const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");

/** The template's text with each post's flags (in the page's order) in its slots. */
export function renderFlags({ chunks, slots }: FlagTemplate, flags: PostFlags[]): Buffer {
  const parts: Buffer[] = [chunks[0]!];
  slots.forEach((slot, i) => {
    parts.push(flags[i >> 1]?.[slot] ? TRUE : FALSE, chunks[i + 1]!);
  });
  return Buffer.concat(parts);
}

/**
 * `build` run once per cached page (its bytes), its result kept for as long as the page is.
 * The cache hands out the same page object until the feed changes.
 */
export function perPage<T>(build: (page: CachedPage) => T): (page: CachedPage) => T {
  const built = new WeakMap<Buffer, T>();
  return (page) => {
    const found = built.get(page.body);
    if (found !== undefined) return found;
    const made = build(page);
    built.set(page.body, made);
    return made;
  };
}
