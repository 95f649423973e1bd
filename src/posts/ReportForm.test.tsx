import { fireEvent, screen } from "@testing-library/react";
import { createReport } from "wasp/client/operations";
import { renderInContext } from "wasp/client/test";
import { ReportForm } from "./ReportForm";

vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  createReport: vi.fn(),
}));

beforeEach(() => {
  vi.mocked(createReport).mockReset();
});

test("When a report is sent without a reason, then reportPostInput's message shows and nothing is sent", async () => {
  renderInContext(<ReportForm subject={{ postId: 3 }} />);
  fireEvent.click(screen.getByRole("button", { name: "Send report" }));
  expect(await screen.findByText("A reason is required")).toBeInTheDocument();
  expect(screen.getByLabelText("Reason")).toHaveAttribute("aria-invalid", "true");
  expect(createReport).not.toHaveBeenCalled();
});

test("When the report is accepted, then the form thanks the reader and empties", async () => {
  vi.mocked(createReport).mockResolvedValue({ repeated: false } as never);
  renderInContext(<ReportForm subject={{ postId: 3 }} />);
  fireEvent.change(screen.getByLabelText("Reason"), { target: { value: " Spam " } });
  fireEvent.click(screen.getByRole("button", { name: "Send report" }));
  expect(await screen.findByText("Thank you. An admin will review the post.")).toBeInTheDocument();
  expect(createReport).toHaveBeenCalledWith({ postId: 3, reason: "Spam" });
  expect(screen.getByLabelText("Reason")).toHaveValue("");
});
