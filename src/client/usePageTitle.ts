import { useEffect } from "react";

/**
 * Names the browser tab (and history entry) after the page: "<title> · Inkwell". `undefined`
 * while the page does not know its title yet leaves the tab as it is (the server may already
 * have named it: a post's page arrives with its title).
 */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (title === undefined) return;
    document.title = title ? `${title} · Inkwell` : "Inkwell";
  }, [title]);
}
