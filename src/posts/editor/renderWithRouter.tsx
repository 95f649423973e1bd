import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { Link, RouterProvider, createMemoryRouter } from "react-router";

/**
 * The editor in a data router, as the app has it (useBlocker needs one; Wasp's renderInContext
 * uses a plain BrowserRouter), with a link away and the post page it lands on.
 */
export function renderWithRouter(ui: ReactElement, path = "/editor") {
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
    { initialEntries: [path] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}
