import { fireEvent, screen, within } from "@testing-library/react";
import { dismissReport, getReportQueue, hideComment, hidePost } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { ReportQueue } from "./ReportQueue";

// The queue is served by the mock server; the actions are replaced so a test can see what is
// sent and answer with an error.
vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  hidePost: vi.fn(),
  hideComment: vi.fn(),
  dismissReport: vi.fn(),
}));

const { mockQuery } = mockServer();

beforeEach(() => {
  vi.mocked(hidePost).mockReset();
  vi.mocked(hideComment).mockReset();
  vi.mocked(dismissReport).mockReset();
});

const report = (id: number, title: string, hidden = false) => ({
  id,
  reason: `Reason ${id}`,
  createdAt: new Date("2026-03-04T05:06:07Z"),
  kind: "post" as const,
  post: {
    id: 100 + id,
    title,
    hiddenAt: hidden ? new Date("2026-03-04T06:00:00Z") : null,
    author: { id: 1, name: "Author" },
  },
  reporter: { id: 2, name: "Reporter" },
});

const commentReport = (id: number, excerpt: string, hidden = false) => ({
  id,
  reason: `Reason ${id}`,
  createdAt: new Date("2026-03-04T05:06:07Z"),
  kind: "comment" as const,
  comment: {
    id: 200 + id,
    excerpt,
    hiddenAt: hidden ? new Date("2026-03-04T06:00:00Z") : null,
    author: { id: 3, name: "Commenter" },
    post: { id: 300 + id, title: "Thread post" },
  },
  reporter: { id: 2, name: "Reporter" },
});

test("When there are open reports, then each row shows the post, reason, reporter and actions", async () => {
  mockQuery(getReportQueue, {
    items: [report(1, "Spam post"), report(2, "Rude post")],
    nextCursor: null,
  });
  renderInContext(<ReportQueue />);
  const table = await screen.findByRole("table", { name: "Open reports" });
  const rows = within(table).getAllByRole("row").slice(1); // the first row is the header
  expect(rows).toHaveLength(2);
  expect(rows[0]).toHaveTextContent("Spam post");
  expect(rows[0]).toHaveTextContent("Reason 1");
  expect(rows[0]).toHaveTextContent("Reporter");
  expect(within(rows[0]!).getByRole("link", { name: "Spam post" })).toHaveAttribute(
    "href",
    "/posts/101",
  );
  expect(
    within(rows[0]!).getByRole("button", { name: "Dismiss report on Spam post" }),
  ).toBeEnabled();
  expect(within(rows[0]!).getByRole("button", { name: "Hide Spam post" })).toBeEnabled();
});

test("When a reported post is already hidden, then only Dismiss is offered for it", async () => {
  mockQuery(getReportQueue, { items: [report(3, "Gone post", true)], nextCursor: null });
  renderInContext(<ReportQueue />);
  const row = (await screen.findAllByRole("row"))[1]!;
  expect(row).toHaveTextContent("Hidden");
  expect(within(row).queryByRole("button", { name: /^Hide/ })).not.toBeInTheDocument();
});

test("When Hide is submitted without a reason, then the reason field says it is required", async () => {
  mockQuery(getReportQueue, { items: [report(4, "Spam post")], nextCursor: null });
  renderInContext(<ReportQueue />);
  fireEvent.click(await screen.findByRole("button", { name: "Hide Spam post" }));
  const reason = screen.getByLabelText(/Reason/);
  expect(reason).toHaveFocus();
  fireEvent.click(screen.getByRole("button", { name: "Hide post" }));
  expect(await screen.findByText("A reason is required")).toBeInTheDocument();
  expect(reason).toHaveAttribute("aria-invalid", "true");
});

test("When the queue is empty, then it says all is clear", async () => {
  mockQuery(getReportQueue, { items: [], nextCursor: null });
  renderInContext(<ReportQueue />);
  expect(await screen.findByText(/No open reports/)).toBeInTheDocument();
});

test("When the reason form is cancelled, then focus goes back to the button that opened it", async () => {
  mockQuery(getReportQueue, { items: [report(5, "Spam post")], nextCursor: null });
  renderInContext(<ReportQueue />);
  fireEvent.click(await screen.findByRole("button", { name: "Hide Spam post" }));
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.getByRole("button", { name: "Hide Spam post" })).toHaveFocus();
});

test("When the hide reason is too long, then the schema's message shows and nothing is sent", async () => {
  mockQuery(getReportQueue, { items: [report(6, "Spam post")], nextCursor: null });
  renderInContext(<ReportQueue />);
  fireEvent.click(await screen.findByRole("button", { name: "Hide Spam post" }));
  fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: "r".repeat(501) } });
  fireEvent.click(screen.getByRole("button", { name: "Hide post" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "A reason must be at most 500 characters",
  );
  expect(hidePost).not.toHaveBeenCalled();
});

test("When the server answers with a field error on the reason, then it shows at the reason", async () => {
  mockQuery(getReportQueue, { items: [report(7, "Spam post")], nextCursor: null });
  vi.mocked(hidePost).mockRejectedValue(
    Object.assign(new Error("Invalid input"), {
      statusCode: 400,
      data: {
        message: "Invalid input",
        data: { fieldErrors: [{ field: "reason", message: "Bad reason" }] },
      },
    }),
  );
  renderInContext(<ReportQueue />);
  fireEvent.click(await screen.findByRole("button", { name: "Hide Spam post" }));
  const reason = screen.getByLabelText(/Reason/);
  fireEvent.change(reason, { target: { value: "  Spam  " } });
  fireEvent.click(screen.getByRole("button", { name: "Hide post" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Bad reason");
  expect(reason).toHaveAttribute("aria-invalid", "true");
  expect(reason).toHaveAccessibleDescription("Bad reason");
  expect(hidePost).toHaveBeenCalledWith({ postId: 107, reason: "Spam" });
});

test("When a comment is reported, then its row shows the text, its author, its post and the actions", async () => {
  mockQuery(getReportQueue, {
    items: [commentReport(8, "You are all idiots"), report(9, "Spam post")],
    nextCursor: null,
  });
  renderInContext(<ReportQueue />);
  const table = await screen.findByRole("table", { name: "Open reports" });
  const [row, postRow] = within(table).getAllByRole("row").slice(1);
  expect(row).toHaveTextContent("You are all idiots");
  expect(row).toHaveTextContent("Comment by Commenter on Thread post");
  expect(row).toHaveTextContent("Reason 8");
  expect(within(row!).getByRole("link", { name: "Thread post" })).toHaveAttribute(
    "href",
    "/posts/308",
  );
  const label = "comment by Commenter on Thread post";
  expect(within(row!).getByRole("button", { name: `Dismiss report on ${label}` })).toBeEnabled();
  expect(within(row!).getByRole("button", { name: `Hide ${label}` })).toBeEnabled();
  expect(within(postRow!).getByRole("button", { name: "Hide Spam post" })).toBeEnabled();
});

test("When Hide comment is submitted with a reason, then the comment's id is sent, not its post's", async () => {
  mockQuery(getReportQueue, { items: [commentReport(10, "Buy now")], nextCursor: null });
  vi.mocked(hideComment).mockResolvedValue({ reportsResolved: 1 });
  renderInContext(<ReportQueue />);
  fireEvent.click(
    await screen.findByRole("button", { name: "Hide comment by Commenter on Thread post" }),
  );
  const reason = screen.getByLabelText("Reason to hide comment by Commenter on Thread post");
  fireEvent.change(reason, { target: { value: " Spam " } });
  fireEvent.click(screen.getByRole("button", { name: "Hide comment" }));
  await vi.waitFor(() =>
    expect(hideComment).toHaveBeenCalledWith({ commentId: 210, reason: "Spam" }),
  );
  expect(hidePost).not.toHaveBeenCalled();
});

test("When a comment report is dismissed, then dismissReport gets the report's id", async () => {
  mockQuery(getReportQueue, { items: [commentReport(11, "Meh")], nextCursor: null });
  vi.mocked(dismissReport).mockResolvedValue(undefined);
  renderInContext(<ReportQueue />);
  fireEvent.click(
    await screen.findByRole("button", {
      name: "Dismiss report on comment by Commenter on Thread post",
    }),
  );
  await vi.waitFor(() => expect(dismissReport).toHaveBeenCalledWith({ reportId: 11 }));
});

test("When a reported comment is already hidden, then only Dismiss is offered for it", async () => {
  mockQuery(getReportQueue, { items: [commentReport(12, "Gone", true)], nextCursor: null });
  renderInContext(<ReportQueue />);
  const row = (await screen.findAllByRole("row"))[1]!;
  expect(row).toHaveTextContent("Hidden");
  expect(within(row).getByRole("button", { name: /^Dismiss/ })).toBeEnabled();
  expect(within(row).queryByRole("button", { name: /^Hide/ })).not.toBeInTheDocument();
});
