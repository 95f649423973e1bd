import removeMarkdown from "remove-markdown";

// Feed cards show plain text. remove-markdown is a few regular expressions (no parser), so the
// home page does not carry the Markdown renderer; what it leaves behind is text, and React
// escapes it.

/** The first `max` characters of a Markdown body as plain text, cut at a word, with "…". */
export function excerpt(markdown: string, max = 200): string {
  const text = removeMarkdown(markdown, { gfm: true, useImgAltText: true })
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : text.slice(0, max)).trimEnd()}…`;
}

/** Minutes to read, at 230 words a minute (a common adult silent-reading rate); at least 1. */
export function readingMinutes(markdown: string): number {
  const words = removeMarkdown(markdown, { gfm: true }).split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230));
}
