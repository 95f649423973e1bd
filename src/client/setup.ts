import { configureQueryClient } from "wasp/client/operations";

// React Query retries every failed query three times by default, so a 403 or 404 page would
// show a spinner for seconds. Client errors (4xx) are answers, not glitches: show them at once.
export function setUpClient() {
  configureQueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => {
          const status = (error as { statusCode?: number }).statusCode ?? 0;
          return !(status >= 400 && status < 500) && failures < 2;
        },
      },
    },
  });
}
