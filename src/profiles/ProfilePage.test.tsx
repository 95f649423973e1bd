import { screen, within } from "@testing-library/react";
import { http } from "msw";
import { Route, Routes } from "react-router";
import { config } from "wasp/client";
import { useAuth } from "wasp/client/auth";
import { getFeed, getProfile } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { testPost } from "../posts/testPosts";
import { ProfilePage } from "./ProfilePage";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  useAuth: vi.fn(),
}));

const { mockQuery, server } = mockServer();
const ada = { id: 7, username: "ada", name: "Ada Lovelace", bio: "Poet of numbers", image: null };

function visit(url: string, viewer: object | null = null) {
  vi.mocked(useAuth).mockReturnValue({ data: viewer, isLoading: false } as ReturnType<
    typeof useAuth
  >);
  window.history.pushState({}, "", url);
  renderInContext(
    <Routes>
      <Route path="/:handle" element={<ProfilePage />} />
    </Routes>,
  );
}

beforeEach(() => {
  mockQuery(getProfile, { ...ada, following: false });
  mockQuery(getFeed, { items: [testPost(1, "Ada's post")], nextCursor: null });
});

test("When a profile is visited, then it shows who they are, a follow button, their posts and an RSS link", async () => {
  visit("/@ada", { id: 1, username: "me" });
  expect(await screen.findByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  expect(screen.getByText("@ada", { selector: "p" })).toBeInTheDocument();
  expect(screen.getByText("Poet of numbers")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Follow" })).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "RSS" })).toHaveAttribute("href", "/@ada/feed.xml");
  const alternate = document.querySelector('link[rel="alternate"][type="application/rss+xml"]');
  expect(alternate).toHaveAttribute("href", "/@ada/feed.xml");
  const tabs = within(screen.getByRole("navigation"));
  expect(tabs.getByRole("link", { name: "Posts" })).toHaveAttribute("aria-current", "page");
  expect(tabs.getByRole("link", { name: "Favourites" })).toHaveAttribute(
    "href",
    "/@ada?tab=favourites",
  );
  expect(await screen.findByRole("link", { name: "Ada's post" })).toBeInTheDocument();
  expect(document.title).toBe("Ada Lovelace (@ada) · Inkwell");
});

test("When it is my own profile, then Edit profile replaces the follow button", async () => {
  visit("/@ada", { id: 7, username: "ada" });
  expect(await screen.findByRole("link", { name: "Edit profile" })).toHaveAttribute(
    "href",
    "/settings",
  );
  expect(screen.queryByRole("button", { name: "Follow" })).not.toBeInTheDocument();
});

test("When the Favourites tab is open, then the feed asks for the posts they favourited", async () => {
  const asked: unknown[] = [];
  server.use(
    http.post(`${config.apiUrl}/operations/get-feed`, async ({ request }) => {
      asked.push(((await request.json()) as { json: unknown }).json);
      return Response.json({ json: { items: [], nextCursor: null } });
    }),
  );
  visit("/@ada?tab=favourites");
  expect(await screen.findByText("No favourites yet.")).toBeInTheDocument();
  expect(asked).toContainEqual({ favoritedBy: "ada" });
});

test("When the handle is unknown, then the page says User not found", async () => {
  server.use(
    http.post(`${config.apiUrl}/operations/get-profile`, () =>
      Response.json({ message: "Profile not found" }, { status: 404 }),
    ),
  );
  visit("/@ghost");
  expect(await screen.findByRole("heading", { name: "User not found" })).toBeInTheDocument();
});

test("When the path does not start with @, then the page says Not found", () => {
  visit("/nothing-here");
  expect(screen.getByRole("heading", { name: "Not found" })).toBeInTheDocument();
});
