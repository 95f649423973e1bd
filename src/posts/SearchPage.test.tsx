import { fireEvent, screen } from "@testing-library/react";
import { http } from "msw";
import { config } from "wasp/client";
import { mockServer, renderInContext } from "wasp/client/test";
import { serialize } from "wasp/core/serialization";
import { SearchPage } from "./SearchPage";
import { testPost } from "./testPosts";

const { server } = mockServer();

function answer(pages: Record<number, { items: unknown[]; nextOffset: number | null }>) {
  const asked: { q: string; offset?: number }[] = [];
  server.use(
    http.post(`${config.apiUrl}/operations/search-posts`, async ({ request }) => {
      const args = ((await request.json()) as { json: { q: string; offset?: number } }).json;
      asked.push(args);
      return Response.json(serialize(pages[args.offset ?? 0] ?? { items: [], nextOffset: null }));
    }),
  );
  return asked;
}

test("When a query has results over two pages, then cards show and More results appends the next", async () => {
  const asked = answer({
    0: { items: [testPost(1, "Rust tips")], nextOffset: 20 },
    20: { items: [testPost(2, "More rust")], nextOffset: null },
  });
  window.history.pushState({}, "", "/search?q=rust");
  renderInContext(<SearchPage />);
  expect(await screen.findByRole("link", { name: "Rust tips" })).toBeInTheDocument();
  expect(screen.getByRole("searchbox", { name: "Words to find" })).toHaveValue("rust");
  expect(document.title).toBe("Search: rust · Inkwell");
  fireEvent.click(screen.getByRole("button", { name: "More results" }));
  expect(await screen.findByRole("link", { name: "More rust" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "More results" })).not.toBeInTheDocument();
  expect(screen.getByText("2 results")).toBeInTheDocument();
  expect(asked.map((args) => args.offset ?? 0)).toEqual([0, 20]);
});

test("When nothing matches, then the page says there are no results for the query", async () => {
  answer({});
  window.history.pushState({}, "", "/search?q=zebra");
  renderInContext(<SearchPage />);
  expect(await screen.findByText(/No results for “zebra”/)).toBeInTheDocument();
});

test("When there is no query, then only the search form shows", () => {
  window.history.pushState({}, "", "/search");
  renderInContext(<SearchPage />);
  expect(screen.getByRole("search", { name: "Search again" })).toBeInTheDocument();
  expect(screen.getByText("Type words to find in posts.")).toBeInTheDocument();
});
