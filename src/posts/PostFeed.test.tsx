import { screen } from "@testing-library/react";
import { getFeed } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { PostFeed } from "./PostFeed";

const { mockQuery } = mockServer();

const post = (id: number, title: string, author = { id: 7, name: "Ada" }) => ({
  id,
  title,
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
  expect(screen.getAllByRole("link", { name: "Ada" })[0]).toHaveAttribute("href", "/users/7");
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
