import { fireEvent, screen, within } from "@testing-library/react";
import { getModerationComments, hideComment, restoreComment } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { CommentsPanel } from "./CommentsPanel";

// The list is served by the mock server; the actions are replaced so a test sees what is sent.
vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  hideComment: vi.fn(),
  restoreComment: vi.fn(),
}));

const { mockQuery } = mockServer();

beforeEach(() => {
  vi.mocked(hideComment).mockReset();
  vi.mocked(restoreComment).mockReset();
});

const comment = (id: number, excerpt: string, hiddenReason?: string) => ({
  id,
  excerpt,
  createdAt: new Date("2026-03-04T05:06:07Z"),
  hiddenAt: hiddenReason ? new Date("2026-03-04T06:00:00Z") : null,
  hiddenReason: hiddenReason ?? null,
  author: { id: 3, name: "Commenter" },
  post: { id: 300 + id, title: "Thread post" },
});

const label = "comment by Commenter on Thread post";

test("When there are comments, then each row shows the text, author, post link, state and action", async () => {
  mockQuery(getModerationComments, {
    items: [comment(1, "Nice read"), comment(2, "Buy pens", "Spam")],
    nextCursor: null,
  });
  renderInContext(<CommentsPanel />);
  const table = await screen.findByRole("table", { name: "Recent comments" });
  const [visible, hidden] = within(table).getAllByRole("row").slice(1);
  expect(visible).toHaveTextContent("Nice read");
  expect(visible).toHaveTextContent("by Commenter on Thread post");
  expect(visible).toHaveTextContent("Visible");
  expect(within(visible!).getByRole("link", { name: "Thread post" })).toHaveAttribute(
    "href",
    "/posts/301",
  );
  expect(within(visible!).getByRole("button", { name: `Hide ${label}` })).toBeEnabled();
  expect(hidden).toHaveTextContent("Hidden Spam");
  expect(within(hidden!).getByRole("button", { name: `Restore ${label}` })).toBeEnabled();
  expect(within(hidden!).queryByRole("button", { name: /^Hide/ })).not.toBeInTheDocument();
});

test("When Hide comment is submitted with a reason, then the comment's id and reason are sent", async () => {
  mockQuery(getModerationComments, { items: [comment(3, "Rude")], nextCursor: null });
  vi.mocked(hideComment).mockResolvedValue({ reportsResolved: 0 });
  renderInContext(<CommentsPanel />);
  fireEvent.click(await screen.findByRole("button", { name: `Hide ${label}` }));
  fireEvent.change(screen.getByLabelText(`Reason to hide ${label}`), {
    target: { value: " Abuse " },
  });
  fireEvent.click(screen.getByRole("button", { name: "Hide comment" }));
  await vi.waitFor(() =>
    expect(hideComment).toHaveBeenCalledWith({ commentId: 3, reason: "Abuse" }),
  );
});

test("When Restore is refused by the server, then its message shows beside the row", async () => {
  mockQuery(getModerationComments, { items: [comment(4, "Gone", "Spam")], nextCursor: null });
  vi.mocked(restoreComment).mockRejectedValue(
    Object.assign(new Error("This comment is not hidden"), {
      statusCode: 409,
      data: { message: "This comment is not hidden" },
    }),
  );
  renderInContext(<CommentsPanel />);
  fireEvent.click(await screen.findByRole("button", { name: `Restore ${label}` }));
  expect(await screen.findByRole("alert")).toHaveTextContent("This comment is not hidden");
  expect(restoreComment).toHaveBeenCalledWith({ commentId: 4 });
});

test("When 'Hidden comments only' is ticked, then the hidden list is asked for", async () => {
  mockQuery(getModerationComments, { items: [], nextCursor: null });
  renderInContext(<CommentsPanel />);
  expect(await screen.findByText("No comments yet.")).toBeInTheDocument();
  fireEvent.click(screen.getByLabelText("Hidden comments only"));
  expect(await screen.findByText("No hidden comments.")).toBeInTheDocument();
});
