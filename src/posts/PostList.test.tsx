import { screen, within } from "@testing-library/react";
import { renderInContext } from "wasp/client/test";
import { PostList } from "./PostList";
import { testPost } from "./testPosts";

test("When there are posts, then each card shows its title, author, handle, time and favourites in order", () => {
  renderInContext(
    <PostList posts={[testPost(2, "Second", { favoritesCount: 3 }), testPost(1, "First")]} />,
  );
  const cards = screen.getAllByRole("article");
  expect(cards).toHaveLength(2);
  const first = cards[0]!;
  expect(within(first).getByRole("link", { name: "Second" })).toHaveAttribute("href", "/posts/2");
  expect(first).toHaveTextContent("Ada Lovelace");
  expect(within(first).getByRole("link", { name: "@ada" })).toHaveAttribute("href", "/@ada");
  expect(first.querySelector("time")).toHaveAttribute("datetime", "2026-01-02T03:04:05.000Z");
  expect(within(first).getByLabelText("3 favourites")).toBeInTheDocument();
  expect(within(cards[1]!).getByLabelText("0 favourites")).toBeVisible();
});

test("When a post has a description, then the card shows it and not the body", () => {
  renderInContext(<PostList posts={[testPost(1, "T", { description: "In short" })]} />);
  expect(screen.getByText("In short")).toBeInTheDocument();
  expect(screen.queryByText(/Body of T/)).not.toBeInTheDocument();
});

test("When a post has no description, then the card shows a short plain-text excerpt of the Markdown", () => {
  const long = `# Heading\n\n**Bold** start. ${"word ".repeat(200)}`;
  renderInContext(<PostList posts={[testPost(1, "T", { content: long })]} />);
  const summary = screen.getByRole("article").querySelector(".post-summary")!;
  expect(summary.textContent).toMatch(/^Heading Bold start\. word/);
  expect(summary.textContent).not.toMatch(/[#*]/);
  expect(summary.textContent!.length).toBeLessThanOrEqual(201);
  expect(summary.textContent).toMatch(/…$/);
});

test("When a post has tags, then each links to its tag feed", () => {
  renderInContext(<PostList posts={[testPost(1, "T", { tags: ["rust", "c++"] })]} />);
  const tags = screen.getByRole("list", { name: "Tags" });
  expect(within(tags).getByRole("link", { name: "#rust" })).toHaveAttribute("href", "/?tag=rust");
  expect(within(tags).getByRole("link", { name: "#c++" })).toHaveAttribute("href", "/?tag=c%2B%2B");
});

test("When the author has no picture, then initials stand in; with one, a decorative image", () => {
  const { container } = renderInContext(
    <PostList
      posts={[
        testPost(1, "A"),
        testPost(2, "B", {
          author: { ...testPost(0, "").author, image: "https://example.com/a.png" },
        }),
      ]}
    />,
  );
  expect(container.querySelector(".avatar-initials")).toHaveTextContent("AL");
  expect(container.querySelector("img.avatar")).toHaveAttribute("alt", "");
});

test("When a post is hidden by moderation, then its card says so", () => {
  renderInContext(
    <PostList posts={[testPost(1, "T", { hiddenAt: new Date(), hiddenReason: "spam" })]} />,
  );
  expect(screen.getByText(/Hidden by moderation: spam/)).toBeInTheDocument();
});

test("When there are no posts, then an empty state invites the first one", () => {
  renderInContext(<PostList posts={[]} />);
  expect(screen.getByText(/No posts yet/)).toBeInTheDocument();
});
