import { useEffect, useRef } from "react";
import { useBlocker } from "react-router";

/**
 * While `dirty`, an in-app navigation is held (the caller shows the blocker's confirm) and
 * closing or reloading the tab asks the browser's own question. `release()` lets the next
 * navigation through at once (after a save), before React has re-rendered with dirty=false.
 */
export function useUnsavedGuard(dirty: boolean) {
  const guarding = useRef(dirty);
  guarding.current = dirty;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      guarding.current &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  const release = () => {
    guarding.current = false;
  };
  return { blocker, release };
}
