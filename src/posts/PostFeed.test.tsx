import { fireEvent, screen } from "@testing-library/react";
import { http } from "msw";
import { config } from "wasp/client";
import { getFeed } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { serialize } from "wasp/core/serialization";
import { PostFeed } from "./PostFeed";

const { mockQuery, server } = mockServer();

const ada = { id: 7, name: "Ada", username: "ada", bio: null, image: null, following: false };
const post = (id: number, title: string, author = ada) => ({
  id,
  slug: `post-${id}`,
  title,
  description: "",
  tags: [],
  favoritesCount: 0,
  favorited: false,
  content: `Body of ${title}`,
  createdAt: new Date("2026-01-02T03:04:05Z"),
  updatedAt: new Date("2026-01-02T03:04:05Z"),
  author,
  hiddenAt: null,
  hiddenReason: null,
});

test("When the server returns posts, then the feed lists them newest first with links to the post and author", async () => {
  mockQuery(getFeed, { items: [post(2, "Second"), post(1, "First")], nextCursor: null });
  renderInContext(<PostFeed />);
  const items = await screen.findAllByRole("article");
  expect(items).toHaveLength(2);
  expect(screen.getByRole("link", { name: "Second" })).toHaveAttribute("href", "/posts/2");
  expect(screen.getAllByRole("link", { name: "@ada" })[0]).toHaveAttribute("href", "/@ada");
  expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
});

test("When there is another page, then a Load more button is offered", async () => {
  mockQuery(getFeed, { items: [post(3, "Only")], nextCursor: "c3" });
  renderInContext(<PostFeed />);
  expect(await screen.findByRole("button", { name: "Load more" })).toBeEnabled();
});

test("When the feed is empty, then the empty state invites the first post", async () => {
  mockQuery(getFeed, { items: [], nextCursor: null });
  renderInContext(<PostFeed />);
  expect(await screen.findByText(/No posts yet/)).toBeInTheDocument();
});

test("When the feed is still loading, then a status says so", () => {
  mockQuery(getFeed, { items: [], nextCursor: null });
  renderInContext(<PostFeed />);
  expect(screen.getByRole("status")).toHaveTextContent("Loading posts");
});

test("When Load more is pressed, then the next page is fetched with the cursor and appended", async () => {
  server.use(
    http.post(`${config.apiUrl}/operations/get-feed`, async ({ request }) => {
      const body = (await request.json()) as { json?: { cursor?: string } };
      const page =
        body.json?.cursor === "c2"
          ? { items: [post(1, "Older")], nextCursor: null }
          : { items: [post(2, "Newer")], nextCursor: "c2" };
      return Response.json(serialize(page));
    }),
  );
  renderInContext(<PostFeed />);
  fireEvent.click(await screen.findByRole("button", { name: "Load more" }));
  expect(await screen.findByRole("link", { name: "Older" })).toBeInTheDocument();
  expect(screen.getAllByRole("article").map((a) => a.querySelector("h2")?.textContent)).toEqual([
    "Newer",
    "Older",
  ]);
  expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
});
