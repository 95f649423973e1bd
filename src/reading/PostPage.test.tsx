import { screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router";
import { useAuth } from "wasp/client/auth";
import { getComments, getPost } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { PostPage } from "./PostPage";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  useAuth: vi.fn(),
}));

const { mockQuery } = mockServer();

const ada = { id: 7, name: "Ada", username: "ada", bio: null, image: null, following: false };
const post = {
  id: 5,
  slug: "on-engines",
  title: "On engines",
  description: "Notes on the analytical engine.",
  content: `# Part one\n\n${"word ".repeat(460)}\n\n- a list`,
  tags: ["history", "machines"],
  createdAt: new Date("2026-01-02T03:04:05Z"),
  updatedAt: new Date("2026-01-02T03:04:05Z"),
  author: ada,
  favoritesCount: 3,
  favorited: false,
  hiddenAt: null,
  hiddenReason: null,
};

function signedInAs(user: { id: number; role: "USER" | "ADMIN" } | null) {
  vi.mocked(useAuth).mockReturnValue({ data: user, isLoading: false } as never);
}

function renderPost(path = "/posts/5") {
  window.history.pushState({}, "", path);
  return renderInContext(
    <Routes>
      <Route path="/posts/:id" element={<PostPage />} />
    </Routes>,
  );
}

beforeEach(() => {
  mockQuery(getComments, { items: [], nextCursor: null });
});

test("When a reader opens a post, then it reads like an article: title, lede, byline, tags, body", async () => {
  signedInAs(null);
  mockQuery(getPost, post);
  renderPost();
  expect(await screen.findByRole("heading", { level: 1, name: "On engines" })).toBeInTheDocument();
  expect(document.title).toBe("On engines · Inkwell");
  expect(screen.getByText("Notes on the analytical engine.")).toHaveClass("post-lede");
  expect(screen.getByRole("link", { name: "Ada" })).toHaveAttribute("href", "/@ada");
  expect(screen.getByText("@ada")).toBeInTheDocument();
  expect(screen.getByText(/2 min read/)).toBeInTheDocument();
  const tags = screen.getByRole("list", { name: "Tags" });
  expect(within(tags).getByRole("link", { name: "#history" })).toHaveAttribute(
    "href",
    "/?tag=history",
  );
  // The writer's "# Part one" sits under the page's title.
  expect(screen.getByRole("heading", { level: 2, name: "Part one" })).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Log in to favourite 3" })).toBeInTheDocument();
  expect(screen.queryByRole("link", { name: "Edit" })).not.toBeInTheDocument();
  expect(
    await screen.findByRole("link", { name: "Log in to join the conversation" }),
  ).toBeInTheDocument();
});

test("When the author opens their post, then Edit links to the editor and Delete is offered", async () => {
  signedInAs({ id: ada.id, role: "USER" });
  mockQuery(getPost, post);
  renderPost();
  expect(await screen.findByRole("link", { name: "Edit" })).toHaveAttribute("href", "/editor/5");
  expect(screen.getByRole("button", { name: "Delete" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Favourite 3" })).toBeInTheDocument();
  // One does not report, nor follow, oneself.
  expect(screen.queryByText("Report this post")).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Follow" })).not.toBeInTheDocument();
});

test("When another reader opens it, then they may report it and follow its author, not edit it", async () => {
  signedInAs({ id: 99, role: "USER" });
  mockQuery(getPost, post);
  renderPost();
  expect(await screen.findByText("Report this post")).toBeInTheDocument();
  expect(screen.queryByRole("link", { name: "Edit" })).not.toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Follow" })).toHaveAttribute("aria-pressed", "false");
});

test("When moderation hid the post, then its author sees the flag", async () => {
  signedInAs({ id: ada.id, role: "USER" });
  mockQuery(getPost, { ...post, hiddenAt: new Date(), hiddenReason: "Spam" });
  renderPost();
  expect(await screen.findByText(/Hidden by moderation: Spam/)).toBeInTheDocument();
});

test("When the address names no post, then the page says it was not found", () => {
  signedInAs(null);
  renderPost("/posts/abc");
  expect(screen.getByRole("heading", { level: 1, name: "Post not found" })).toBeInTheDocument();
});
