import { lazy } from "react";

// The renderer (react-markdown, GFM and the sanitiser: ~50 kB gzipped) is its own chunk, fetched
// beside the page's data rather than before the page may paint. A page that shows Markdown calls
// preloadMarkdown() as it loads and puts a Suspense boundary where the text should wait for it
// (the post page shows title and body together; comments appear as one list). Once loaded, the
// component never suspends again.
const loadRenderer = () => import("./MarkdownRenderer");

/** Starts fetching the renderer now (a page that will show Markdown calls it when it loads). */
export function preloadMarkdown() {
  void loadRenderer();
}

/** A post body or comment, rendered from Markdown (GitHub-flavoured) safely; suspends until loaded. */
export const Markdown = lazy(loadRenderer);
