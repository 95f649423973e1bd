import { screen } from "@testing-library/react";
import { http } from "msw";
import { config } from "wasp/client";
import { getPost, getTags } from "wasp/client/operations";
import { mockServer } from "wasp/client/test";
import { EditPostPage, NewPostPage } from "./EditorPage";
import { renderWithRouter } from "./renderWithRouter";

const { mockQuery, server } = mockServer();

const post = {
  id: 42,
  slug: "tea",
  title: "On tea",
  description: "",
  content: "Steep it.",
  tags: ["tea"],
  createdAt: new Date("2026-01-02T03:04:05Z"),
  updatedAt: new Date("2026-01-02T03:04:05Z"),
  author: { id: 7, name: "Ada", username: "ada", bio: null, image: null, following: false },
  favoritesCount: 0,
  favorited: false,
  hiddenAt: null,
  hiddenReason: null,
};

beforeEach(() => {
  localStorage.clear();
  mockQuery(getTags, { tags: [] });
});

test("When /editor opens, then an empty new post form is shown and the tab is named", () => {
  renderWithRouter(<NewPostPage />);
  expect(screen.getByRole("heading", { level: 1, name: "New post" })).toBeInTheDocument();
  expect(screen.getByLabelText("Title")).toHaveValue("");
  expect(document.title).toBe("New post · Inkwell");
});

test("When /editor/:id opens, then the post is loaded into the form and the tab names it", async () => {
  mockQuery(getPost, post);
  renderWithRouter(<EditPostPage />, "/editor/:id", "/editor/42");
  expect(await screen.findByDisplayValue("On tea")).toBeInTheDocument();
  expect(screen.getByLabelText("Body")).toHaveValue("Steep it.");
  expect(screen.getByRole("button", { name: "Remove tag tea" })).toBeInTheDocument();
  expect(document.title).toBe("Edit: On tea · Inkwell");
});

test("When the post cannot be loaded, then the page says why", async () => {
  const route = (getPost as unknown as { route: { method: string; path: string } }).route;
  server.use(
    http.post(`${config.apiUrl}${route.path}`, () =>
      Response.json({ message: "You can only edit your own posts" }, { status: 403 }),
    ),
  );
  renderWithRouter(<EditPostPage />, "/editor/:id", "/editor/42");
  expect(await screen.findByRole("alert")).toHaveTextContent(/Could not load the post/);
});
