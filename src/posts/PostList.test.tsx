import { screen } from "@testing-library/react";
import { renderInContext } from "wasp/client/test";
import { PostList } from "./PostList";

const post = (id: number, title: string) => ({
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
  author: { id: 7, name: "Ada", username: "ada", bio: null, image: null, following: false },
  hiddenAt: null,
  hiddenReason: null,
});

test("When there are posts, then each shows its title, author, time and content in order", () => {
  renderInContext(<PostList posts={[post(2, "Second"), post(1, "First")]} />);
  const items = screen.getAllByRole("listitem");
  expect(items).toHaveLength(2);
  expect(items[0]).toHaveTextContent("Second");
  expect(items[0]).toHaveTextContent("by Ada");
  expect(items[0]).toHaveTextContent("Body of Second");
  expect(items[0]!.querySelector("time")).toHaveAttribute("datetime", "2026-01-02T03:04:05.000Z");
});

test("When there are no posts, then an empty state invites the first one", () => {
  renderInContext(<PostList posts={[]} />);
  expect(screen.getByText(/No posts yet/)).toBeInTheDocument();
});
