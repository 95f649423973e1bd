import { fireEvent, screen } from "@testing-library/react";
import { login, signup } from "wasp/client/auth";
import { renderInContext } from "wasp/client/test";
import { SignupForm } from "./SignupForm";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  signup: vi.fn(),
  login: vi.fn(),
}));

// What Wasp's client throws for an HTTP error: the status, and the body ({ message, data }).
const httpError = (statusCode: number, message: string, data: unknown) =>
  Object.assign(new Error(message), { statusCode, data: { message, data } });

beforeEach(() => {
  vi.mocked(signup).mockReset();
  vi.mocked(login).mockReset();
});

function fill(values: { username?: string; name: string; email: string; password: string }) {
  fireEvent.change(screen.getByLabelText("Username"), {
    target: { value: values.username ?? "ada_l" },
  });
  fireEvent.change(screen.getByLabelText("Name"), { target: { value: values.name } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: values.email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: values.password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
}

test("When sign-up is submitted empty, then every field says what is missing, tied to its input", async () => {
  renderInContext(<SignupForm />);
  fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
  expect(await screen.findByText("Name is required")).toBeInTheDocument();
  expect(screen.getByText("Username is required")).toBeInTheDocument();
  expect(screen.getByText("Enter a valid email address")).toBeInTheDocument();
  const password = screen.getByLabelText("Password");
  expect(password).toHaveAttribute("aria-invalid", "true");
  expect(password).toHaveAccessibleDescription(/At least 8 characters/);
});

test("When the password has no number, then the password field asks for one", async () => {
  renderInContext(<SignupForm />);
  fill({ name: "Ada", email: "ada@example.com", password: "longpassword" });
  expect(await screen.findByText("Password must contain a number")).toBeInTheDocument();
  expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "false");
});

test("When the username has a space or is too short, then the username field says why and nothing is sent", async () => {
  renderInContext(<SignupForm />);
  fill({ username: "ad", name: "Ada", email: "ada@example.com", password: "password 42" });
  expect(await screen.findByText("Username must be at least 3 characters")).toBeInTheDocument();
  fill({ username: "ada l", name: "Ada", email: "ada@example.com", password: "password 42" });
  expect(
    await screen.findByText("Username may use only letters, digits, _ and -"),
  ).toBeInTheDocument();
  expect(screen.getByLabelText("Username")).toHaveAttribute("aria-invalid", "true");
  expect(signup).not.toHaveBeenCalled();
});

test("When the name is too long, then the form shows the shared name rule's message and sends nothing", async () => {
  renderInContext(<SignupForm />);
  fill({ name: "n".repeat(81), email: "ada@example.com", password: "password 42" });
  // The users schema's `name`, which userSignupFields and the REST sign-up apply too.
  expect(await screen.findByText("Name must be at most 80 characters")).toBeInTheDocument();
  expect(screen.getByLabelText("Name")).toHaveAccessibleDescription(
    "Name must be at most 80 characters",
  );
  expect(signup).not.toHaveBeenCalled();
});

test("When the server answers with field errors, then each shows under its field", async () => {
  vi.mocked(signup).mockRejectedValue(
    httpError(400, "Invalid input", {
      fieldErrors: [
        { field: "name", message: "Bad name" },
        { field: "email", message: "Bad email" },
      ],
    }),
  );
  renderInContext(<SignupForm />);
  fill({ username: " ada_l ", name: " Ada ", email: " Ada@Example.com", password: "password 42" });
  expect(await screen.findByText("Bad name")).toBeInTheDocument();
  expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Bad name");
  expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Bad email");
  expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "false");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  // webSignupInput's output: trimmed names, the email normalised as every door does.
  expect(signup).toHaveBeenCalledWith({
    username: "ada_l",
    name: "Ada",
    email: "ada@example.com",
    password: "password 42",
  });
  expect(login).not.toHaveBeenCalled();
});

test("When Wasp refuses the sign-up without naming a field, then its message is announced, not guessed onto a field", async () => {
  // Wasp's own check answers 422 { message: "Validation failed", data: { message } }.
  vi.mocked(signup).mockRejectedValue(
    httpError(422, "Validation failed", { message: "password must contain a number" }),
  );
  renderInContext(<SignupForm />);
  fill({ name: "Ada", email: "ada@example.com", password: "password 42" });
  expect(await screen.findByRole("alert")).toHaveTextContent("Password must contain a number");
  expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "false");
});

test("When sign-up succeeds but the login waits for verification, then it says to check the email", async () => {
  vi.mocked(signup).mockResolvedValue({ success: true });
  vi.mocked(login).mockRejectedValue(httpError(403, "Email not verified", {}));
  renderInContext(<SignupForm />);
  fill({ name: "Ada", email: "ada@example.com", password: "password 42" });
  expect(await screen.findByRole("status")).toHaveTextContent("Open the link we emailed to");
});
