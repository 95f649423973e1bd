import { act, fireEvent, screen, within } from "@testing-library/react";
import { createPost, getTags, updatePost } from "wasp/client/operations";
import { mockServer } from "wasp/client/test";
import type { PostView } from "../posts.schemas";
import { PostEditor } from "./PostEditor";
import { renderWithRouter } from "./renderWithRouter";

vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  createPost: vi.fn(),
  updatePost: vi.fn(),
}));

const { mockQuery } = mockServer();

const httpError = (statusCode: number, message: string, data: unknown) =>
  Object.assign(new Error(message), { statusCode, data: { message, data } });

const post: PostView = {
  id: 42,
  slug: "old-title",
  title: "Old title",
  description: "",
  content: "Old body",
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
  vi.mocked(createPost).mockReset();
  vi.mocked(updatePost).mockReset();
  localStorage.clear();
  mockQuery(getTags, { tags: ["typescript", "tea", "travel"] });
});

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

test("When Markdown is typed, then the preview renders it", async () => {
  renderWithRouter(<PostEditor />);
  type("Body", "# Big news\n\nSome **bold** text");
  const preview = screen.getByRole("region", { name: "Preview" });
  expect(await within(preview).findByRole("heading", { name: "Big news" })).toBeInTheDocument();
  expect(within(preview).getByText("bold").tagName).toBe("STRONG");
});

test("When a new post is saved, then the schema's output is sent, the draft is cleared and the post page opens", async () => {
  vi.mocked(createPost).mockResolvedValue({ ...post, id: 5 } as never);
  renderWithRouter(<PostEditor />);
  type("Title", " Hello ");
  type("Body", "Body");
  type("Tags", "Machine Learning");
  fireEvent.keyDown(screen.getByLabelText("Tags"), { key: "Enter" });
  expect(localStorage.length).toBe(1);
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  expect(await screen.findByText("The post page")).toBeInTheDocument();
  expect(createPost).toHaveBeenCalledWith({
    title: "Hello",
    description: "",
    content: "Body",
    tags: ["machine-learning"],
  });
  expect(localStorage.length).toBe(0);
});

test("When the form is empty, then each field says what is missing and nothing is sent", async () => {
  renderWithRouter(<PostEditor />);
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  expect(await screen.findByText("Title is required")).toBeInTheDocument();
  expect(screen.getByLabelText("Body")).toHaveAccessibleDescription(/Content is required/);
  expect(createPost).not.toHaveBeenCalled();
});

test("When the server refuses, then its field errors show and the text stays", async () => {
  vi.mocked(createPost).mockRejectedValue(
    httpError(400, "Invalid input", { fieldErrors: [{ field: "title", message: "Bad title" }] }),
  );
  renderWithRouter(<PostEditor />);
  type("Title", "Mine");
  type("Body", "Keep me");
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  expect(await screen.findByText("Bad title")).toBeInTheDocument();
  expect(screen.getByLabelText("Body")).toHaveValue("Keep me");
});

test("When a draft was kept, then it is restored and the editor says so", () => {
  localStorage.setItem(
    "inkwell:new-post-draft",
    JSON.stringify({ title: "Half", description: "", content: "Written", tags: ["tea"] }),
  );
  renderWithRouter(<PostEditor />);
  expect(screen.getByText(/Draft restored/)).toHaveAttribute("role", "status");
  expect(screen.getByLabelText("Title")).toHaveValue("Half");
  expect(screen.getByRole("button", { name: "Remove tag tea" })).toBeInTheDocument();
});

test("When an edit changes only the title, then only the title is sent", async () => {
  vi.mocked(updatePost).mockResolvedValue(post as never);
  renderWithRouter(<PostEditor post={post} />, "/editor/42");
  type("Title", "New title");
  fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
  expect(await screen.findByText("The post page")).toBeInTheDocument();
  expect(updatePost).toHaveBeenCalledWith({ id: 42, title: "New title" });
});

test("When an edit changes nothing, then it says Nothing to save and sends nothing", () => {
  renderWithRouter(<PostEditor post={post} />, "/editor/42");
  fireEvent.click(screen.getByRole("button", { name: "Save changes" }));
  expect(screen.getByText("Nothing to save")).toBeInTheDocument();
  expect(updatePost).not.toHaveBeenCalled();
});

test("When there are unsaved changes, then leaving asks first: Stay keeps the text, Leave goes", async () => {
  const router = renderWithRouter(<PostEditor post={post} />, "/editor/42");
  type("Body", "Changed body");
  fireEvent.click(screen.getByRole("link", { name: "Elsewhere" }));
  const dialog = await screen.findByRole("alertdialog", { name: "Leave without saving?" });
  expect(within(dialog).getByRole("button", { name: "Stay" })).toHaveFocus();
  fireEvent.click(within(dialog).getByRole("button", { name: "Stay" }));
  expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  expect(screen.getByLabelText("Body")).toHaveValue("Changed body");
  expect(router.state.location.pathname).toBe("/editor/42");

  fireEvent.click(screen.getByRole("link", { name: "Elsewhere" }));
  fireEvent.click(await screen.findByRole("button", { name: "Leave" }));
  expect(await screen.findByText("Somewhere else")).toBeInTheDocument();
});

test("When the form is dirty, then closing the tab is asked about; when clean, it is not", () => {
  renderWithRouter(<PostEditor post={post} />, "/editor/42");
  const clean = new Event("beforeunload", { cancelable: true });
  act(() => {
    window.dispatchEvent(clean);
  });
  expect(clean.defaultPrevented).toBe(false);
  type("Title", "Changed");
  const dirty = new Event("beforeunload", { cancelable: true });
  act(() => {
    window.dispatchEvent(dirty);
  });
  expect(dirty.defaultPrevented).toBe(true);
});
