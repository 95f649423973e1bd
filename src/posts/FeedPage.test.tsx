import { screen, within } from "@testing-library/react";
import { useAuth } from "wasp/client/auth";
import { getFeed, getFollowingFeed, getTags } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { FeedPage } from "./FeedPage";
import { testPost } from "./testPosts";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  useAuth: vi.fn(),
}));

const { mockQuery } = mockServer();
const signedIn = { id: 1, username: "me", name: "Me", role: "USER" };

function as(user: typeof signedIn | null, url = "/") {
  vi.mocked(useAuth).mockReturnValue({ data: user, isLoading: false } as ReturnType<
    typeof useAuth
  >);
  window.history.pushState({}, "", url);
}

beforeEach(() => {
  mockQuery(getTags, { tags: ["rust", "go"] });
  mockQuery(getFeed, { items: [testPost(1, "Everyone's post")], nextCursor: null });
  mockQuery(getFollowingFeed, { items: [], nextCursor: null });
});

const tabs = () => within(screen.getByRole("navigation", { name: "Feeds" }));

test("When signed out, then the page has a heading, one Everyone tab and a sign-up prompt", async () => {
  as(null);
  renderInContext(<FeedPage />);
  expect(screen.getByRole("heading", { level: 1, name: "Latest posts" })).toBeInTheDocument();
  expect(tabs().getByRole("link", { name: "Everyone" })).toHaveAttribute("aria-current", "page");
  expect(tabs().queryByRole("link", { name: "Following" })).not.toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", "/signup");
  expect(screen.queryByRole("link", { name: "Write a post" })).not.toBeInTheDocument();
  expect(await screen.findByRole("link", { name: "Everyone's post" })).toBeInTheDocument();
  expect(document.title).toBe("Latest posts · Inkwell");
});

test("When signed in, then a Following tab and a Write a post link are offered, and no inline form", () => {
  as(signedIn);
  renderInContext(<FeedPage />);
  expect(tabs().getByRole("link", { name: "Following" })).toHaveAttribute(
    "href",
    "/?feed=following",
  );
  expect(screen.getByRole("link", { name: "Write a post" })).toHaveAttribute("href", "/editor");
  expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
});

test("When ?feed=following has no posts, then the Following tab is current and says whom to follow", async () => {
  as(signedIn, "/?feed=following");
  renderInContext(<FeedPage />);
  expect(tabs().getByRole("link", { name: "Following" })).toHaveAttribute("aria-current", "page");
  expect(tabs().getByRole("link", { name: "Everyone" })).not.toHaveAttribute("aria-current");
  expect(await screen.findByText("Follow people to see their posts here.")).toBeInTheDocument();
});

test("When ?tag= is in the URL, then a #tag tab is current and the tag cloud links tag feeds", async () => {
  as(null, "/?tag=rust");
  renderInContext(<FeedPage />);
  expect(tabs().getByRole("link", { name: "#rust" })).toHaveAttribute("aria-current", "page");
  const cloud = within(screen.getByRole("complementary", { name: "Popular tags" }));
  expect(await cloud.findByRole("link", { name: "#go" })).toHaveAttribute("href", "/?tag=go");
});

test("When the session is still loading, then the line about the site shows and neither prompt nor Write link does yet", () => {
  vi.mocked(useAuth).mockReturnValue({ data: undefined, isLoading: true } as ReturnType<
    typeof useAuth
  >);
  window.history.pushState({}, "", "/");
  renderInContext(<FeedPage />);
  expect(screen.getByText(/Long-form writing from people worth following/)).toBeInTheDocument();
  expect(screen.queryByRole("link", { name: "Sign up" })).not.toBeInTheDocument();
  expect(screen.queryByRole("link", { name: "Write a post" })).not.toBeInTheDocument();
});
