import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { http } from "msw";
import { config } from "wasp/client";
import { createComment, deleteComment, getComments, createReport } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { serialize } from "wasp/core/serialization";
import { CommentsSection } from "./CommentsSection";

// The list comes from a mocked server (getComments over HTTP, as the page calls it); the
// actions are replaced so each test says what the server answers.
vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  createComment: vi.fn(),
  deleteComment: vi.fn(),
  createReport: vi.fn(),
}));

const { mockQuery, server } = mockServer();

const person = (id: number, name: string, username: string) => ({
  id,
  name,
  username,
  bio: null,
  image: null,
  following: false,
});
const ada = person(7, "Ada", "ada");
const bob = person(8, "Bob", "bob");
const comment = (id: number, body: string, author = bob, hidden = false) => ({
  id,
  body,
  postId: 3,
  createdAt: new Date("2026-01-02T03:04:05Z"),
  updatedAt: new Date("2026-01-02T03:04:05Z"),
  author,
  hiddenAt: hidden ? new Date("2026-01-03T00:00:00Z") : null,
  hiddenReason: hidden ? "Rude" : null,
});
const asAda = { id: ada.id, role: "USER" };

const httpError = (statusCode: number, message: string, fieldErrors?: unknown) =>
  Object.assign(new Error(message), {
    statusCode,
    data: { message, data: { message, fieldErrors } },
  });

beforeEach(() => {
  vi.mocked(createComment).mockReset();
  vi.mocked(deleteComment).mockReset();
  vi.mocked(createReport).mockReset();
});

test("When a post has comments, then each shows its author, handle, date and Markdown body", async () => {
  mockQuery(getComments, {
    items: [comment(1, "Nice **work**"), comment(2, "Thanks!", ada)],
    nextCursor: null,
  });
  renderInContext(<CommentsSection postId={3} viewer={null} />);
  const first = await screen.findByRole("article", { name: "Comment by Bob" });
  expect(screen.getByRole("heading", { name: "Comments (2)" })).toBeInTheDocument();
  expect(within(first).getByRole("link", { name: "Bob" })).toHaveAttribute("href", "/@bob");
  expect(within(first).getByText("@bob")).toBeInTheDocument();
  expect(within(first).getByText("work").tagName).toBe("STRONG");
  expect(first.querySelector("time")).toHaveAttribute("dateTime", "2026-01-02T03:04:05.000Z");
  // Signed out: nothing to do with a comment but read it, and an invitation to log in.
  expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
  expect(screen.queryByText("Report")).not.toBeInTheDocument();
  expect(screen.queryByRole("form", { name: "New comment" })).not.toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Log in to join the conversation" })).toHaveAttribute(
    "href",
    "/login",
  );
});

test("When there are no comments, then the section says so", async () => {
  mockQuery(getComments, { items: [], nextCursor: null });
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  expect(await screen.findByText("No comments yet.")).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "Comments (0)" })).toBeInTheDocument();
});

test("When there are more comments, then Load more fetches the next page with the cursor", async () => {
  server.use(
    http.post(`${config.apiUrl}/operations/get-comments`, async ({ request }) => {
      const body = (await request.json()) as { json?: { cursor?: string; postId?: number } };
      const page =
        body.json?.cursor === "c1"
          ? { items: [comment(2, "Later one")], nextCursor: null }
          : { items: [comment(1, "First one")], nextCursor: "c1" };
      return Response.json(serialize(page));
    }),
  );
  renderInContext(<CommentsSection postId={3} viewer={null} />);
  expect(await screen.findByRole("heading", { name: "Comments (1+)" })).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Load more" }));
  expect(await screen.findByText("Later one")).toBeInTheDocument();
  expect(screen.getAllByRole("article").map((a) => a.querySelector("p")?.textContent)).toEqual([
    "First one",
    "Later one",
  ]);
  expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
});

test("When an empty comment is sent, then the schema's message shows and nothing is sent", async () => {
  mockQuery(getComments, { items: [], nextCursor: null });
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  fireEvent.change(await screen.findByLabelText("Your comment"), { target: { value: "   " } });
  fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
  expect(await screen.findByText("A comment needs a body")).toBeInTheDocument();
  expect(screen.getByLabelText("Your comment")).toHaveAttribute("aria-invalid", "true");
  expect(createComment).not.toHaveBeenCalled();
});

test("When a comment is posted, then it appears at once and the box empties", async () => {
  mockQuery(getComments, { items: [comment(1, "Earlier")], nextCursor: null });
  vi.mocked(createComment).mockResolvedValue(comment(9, "My _own_ words", ada) as never);
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  fireEvent.change(await screen.findByLabelText("Your comment"), {
    target: { value: " My _own_ words " },
  });
  fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
  const mine = await screen.findByRole("article", { name: "Comment by Ada" });
  expect(within(mine).getByText("own").tagName).toBe("EM");
  expect(createComment).toHaveBeenCalledWith({ postId: 3, body: "My _own_ words" });
  expect(screen.getByLabelText("Your comment")).toHaveValue("");
  expect(screen.getByRole("heading", { name: "Comments (2)" })).toBeInTheDocument();
});

test("When the server refuses a comment, then the text stays and the reason is shown", async () => {
  mockQuery(getComments, { items: [], nextCursor: null });
  vi.mocked(createComment).mockRejectedValue(httpError(403, "Your account is suspended"));
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  fireEvent.change(await screen.findByLabelText("Your comment"), {
    target: { value: "Keep me" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Your account is suspended");
  expect(screen.getByLabelText("Your comment")).toHaveValue("Keep me");
  expect(screen.getByText("No comments yet.")).toBeInTheDocument();
});

test("When the server refuses the body, then its message sits under the box", async () => {
  mockQuery(getComments, { items: [], nextCursor: null });
  vi.mocked(createComment).mockRejectedValue(
    httpError(422, "Invalid input", [{ field: "body", message: "Too long for the server" }]),
  );
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  fireEvent.change(await screen.findByLabelText("Your comment"), { target: { value: "Hi" } });
  fireEvent.click(screen.getByRole("button", { name: "Post comment" }));
  expect(await screen.findByText("Too long for the server")).toBeInTheDocument();
  expect(screen.getByLabelText("Your comment")).toHaveValue("Hi");
});

test("When the author deletes their comment, then it asks once more and the comment goes", async () => {
  mockQuery(getComments, {
    items: [comment(1, "Mine", ada), comment(2, "Theirs", bob)],
    nextCursor: null,
  });
  vi.mocked(deleteComment).mockResolvedValue(undefined as never);
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  const mine = await screen.findByRole("article", { name: "Comment by Ada" });
  const theirs = screen.getByRole("article", { name: "Comment by Bob" });
  // Only one's own comment can be deleted; only others' can be reported.
  expect(within(theirs).queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
  expect(within(mine).queryByText("Report")).not.toBeInTheDocument();

  fireEvent.click(within(mine).getByRole("button", { name: "Delete" }));
  const confirm = within(mine).getByRole("group", { name: "Confirm delete" });
  fireEvent.click(within(confirm).getByRole("button", { name: "Yes, delete" }));
  await waitFor(() =>
    expect(screen.queryByRole("article", { name: "Comment by Ada" })).not.toBeInTheDocument(),
  );
  expect(deleteComment).toHaveBeenCalledWith({ id: 1 });
  expect(screen.getByRole("article", { name: "Comment by Bob" })).toBeInTheDocument();
});

test("When deleting is refused, then the comment stays and the reason is shown", async () => {
  mockQuery(getComments, { items: [comment(1, "Mine", ada)], nextCursor: null });
  vi.mocked(deleteComment).mockRejectedValue(httpError(404, "Comment not found"));
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
  fireEvent.click(screen.getByRole("button", { name: "Yes, delete" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Comment not found");
  expect(screen.getByRole("article", { name: "Comment by Ada" })).toBeInTheDocument();
});

test("When a reader reports someone's comment, then a reason is required and the report is sent", async () => {
  mockQuery(getComments, { items: [comment(2, "Rude words", bob)], nextCursor: null });
  vi.mocked(createReport).mockResolvedValue({ id: 1, repeated: false } as never);
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  const theirs = await screen.findByRole("article", { name: "Comment by Bob" });
  fireEvent.click(within(theirs).getByText("Report"));
  fireEvent.click(within(theirs).getByRole("button", { name: "Send report" }));
  expect(await within(theirs).findByText("A reason is required")).toBeInTheDocument();
  expect(createReport).not.toHaveBeenCalled();

  fireEvent.change(within(theirs).getByLabelText("Reason"), { target: { value: " Insults " } });
  fireEvent.click(within(theirs).getByRole("button", { name: "Send report" }));
  expect(
    await within(theirs).findByText("Thank you. An admin will review the comment."),
  ).toBeInTheDocument();
  expect(createReport).toHaveBeenCalledWith({ commentId: 2, reason: "Insults" });
});

test("When the author sees their comment hidden by moderation, then it is flagged", async () => {
  mockQuery(getComments, { items: [comment(1, "Oops", ada, true)], nextCursor: null });
  renderInContext(<CommentsSection postId={3} viewer={asAda} />);
  expect(await screen.findByText(/Hidden by moderation: Rude/)).toBeInTheDocument();
});
