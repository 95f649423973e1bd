import { fireEvent, screen } from "@testing-library/react";
import { createPost } from "wasp/client/operations";
import { renderInContext } from "wasp/client/test";
import { PostForm } from "./PostForm";

// Only the action is replaced: the form must refuse bad input before calling it, and show what
// the server answers when it does.
vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  createPost: vi.fn(),
}));

// What Wasp's client throws for an HttpError from an operation: the status, and the response
// body ({ message, data }) as `.data`.
const httpError = (statusCode: number, message: string, data: unknown) =>
  Object.assign(new Error(message), { statusCode, data: { message, data } });

// (A block body: a function returned from beforeEach would run as its teardown.)
beforeEach(() => {
  vi.mocked(createPost).mockReset();
});

test("When the form is submitted empty, then each field says what is missing", async () => {
  renderInContext(<PostForm />);
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Title is required")).toBeInTheDocument();
  expect(screen.getByText("Content is required")).toBeInTheDocument();
  expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");
});

test("When the title is too long, then the limit is shown next to it", async () => {
  renderInContext(<PostForm />);
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: "x".repeat(201) } });
  fireEvent.change(screen.getByLabelText("Content"), { target: { value: "Body" } });
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Title must be at most 200 characters")).toBeInTheDocument();
  expect(screen.queryByText("Content is required")).not.toBeInTheDocument();
});

test("When the title is too long, then the form shows the server schema's message and sends nothing", async () => {
  renderInContext(<PostForm />);
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: "x".repeat(201) } });
  fireEvent.change(screen.getByLabelText("Content"), { target: { value: "Body" } });
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  // createPostInput's own words, the ones the API answers with.
  await screen.findByText("Title must be at most 200 characters");
  expect(screen.getByLabelText("Title")).toHaveAccessibleDescription(
    "Title must be at most 200 characters",
  );
  expect(createPost).not.toHaveBeenCalled();
});

test("When the server answers with field errors, then each shows under its field", async () => {
  vi.mocked(createPost).mockRejectedValue(
    httpError(400, "Invalid input: title: Bad title; content: Bad content", {
      fieldErrors: [
        { field: "title", message: "Bad title" },
        { field: "content", message: "Bad content" },
      ],
    }),
  );
  renderInContext(<PostForm />);
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: " Hello " } });
  fireEvent.change(screen.getByLabelText("Content"), { target: { value: "Body" } });
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Bad title")).toBeInTheDocument();
  expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Bad title");
  expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");
  expect(screen.getByLabelText("Content")).toHaveAccessibleDescription("Bad content");
  // Said once, under the fields, not again as a summary.
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  // What was sent is the schema's output (trimmed), as the server would store it.
  expect(createPost).toHaveBeenCalledWith({ title: "Hello", content: "Body" });
  expect(screen.getByRole("button", { name: "Publish" })).toBeEnabled();
});

test("When the server refuses without field errors, then its message is announced", async () => {
  vi.mocked(createPost).mockImplementation(async () => {
    throw httpError(403, "This account is suspended", {});
  });
  renderInContext(<PostForm />);
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Hello" } });
  fireEvent.change(screen.getByLabelText("Content"), { target: { value: "Body" } });
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("This account is suspended");
  expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "false");
});
