import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { Link, RouterProvider, createMemoryRouter } from "react-router";

/**
 * The editor in a data router, as the app has it (useBlocker needs one; Wasp's renderInContext
 * uses a plain BrowserRouter), with a link away and the post page it lands on.
 */
export function renderWithRouter(ui: ReactElement, path = "/editor", entry = path) {
  const router = createMemoryRouter(
    [
      {
        path,
        element: (
          <>
            <Link to="/elsewhere">Elsewhere</Link>
            {ui}
          </>
        ),
      },
      { path: "/posts/:id", element: <p>The post page</p> },
      { path: "/elsewhere", element: <p>Somewhere else</p> },
    ],
    { initialEntries: [entry] },
  );
  // No retries: a refused load shows at once instead of after React Query's back-off.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}
