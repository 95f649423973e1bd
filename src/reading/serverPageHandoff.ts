import { useLayoutEffect } from "react";

// A post's URL arrives as the server's first paint of the page (src/reading/serverPage.tsx in
// the web build's post-shell.html): the header and the article, in #server-page, while the app
// renders hidden beside it (App.css: `.server-page ~ #root`). Once the app has something to show,
// the server's copy goes in the same frame as the app appears: one page replaces an identical
// one, so nothing moves (no layout shift) and the reader's scroll position holds.

const SERVER_PAGE_ID = "server-page";

const serverPage = () =>
  typeof document === "undefined" ? null : document.getElementById(SERVER_PAGE_ID);

/**
 * The title of the post the server's paint shows (undefined without one). The server names the
 * tab after the post, but hydrating the document gives <title> back the app's default, so the
 * page names it again from this until its own data arrives.
 */
export const serverPageTitle = () =>
  serverPage()?.querySelector(".post-title-main")?.textContent ?? undefined;

/** Whether the page arrived as the server's paint (and has not been handed over yet). */
export const hasServerPage = () => serverPage() !== null;

/**
 * The server's rendering of the post's body when its paint shows this very version (by its
 * last change): the same HTML the app's renderer makes, as the server renders it with the same
 * component, so the app shows it as it is instead of loading the renderer and parsing it again.
 */
export function serverRenderedBody(updatedAt: Date): string | undefined {
  const article = serverPage()?.querySelector<HTMLElement>("article[data-updated-at]");
  if (article?.dataset.updatedAt !== new Date(updatedAt).toISOString()) return undefined;
  return article.querySelector(".post-body")?.innerHTML;
}

/**
 * Hands the page over from the server's paint to the app once `ready` (a no-op without one).
 * With `keepArticle`, a server's paint that shows the post stays instead: the app could only
 * say it failed to load what the reader is already reading.
 */
export function useServerPageHandoff(ready = true, { keepArticle = false } = {}) {
  useLayoutEffect(() => {
    const page = serverPage();
    if (ready && page && !(keepArticle && page.querySelector("article"))) page.remove();
  }, [ready, keepArticle]);
}
