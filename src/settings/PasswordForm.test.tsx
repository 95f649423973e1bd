import { fireEvent, screen } from "@testing-library/react";
import { changePassword } from "wasp/client/operations";
import { renderInContext } from "wasp/client/test";
import { PasswordForm } from "./PasswordForm";

vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  changePassword: vi.fn(),
}));

const httpError = (statusCode: number, message: string, data: unknown) =>
  Object.assign(new Error(message), { statusCode, data: { message, data } });

beforeEach(() => {
  vi.mocked(changePassword).mockReset();
});

function fill(current: string, next: string, confirm = next) {
  fireEvent.change(screen.getByLabelText("Current password"), { target: { value: current } });
  fireEvent.change(screen.getByLabelText("New password"), { target: { value: next } });
  fireEvent.change(screen.getByLabelText("Confirm new password"), { target: { value: confirm } });
  fireEvent.click(screen.getByRole("button", { name: "Change password" }));
}

test("When the form opens, then password managers are told which field is which", () => {
  renderInContext(<PasswordForm />);
  expect(screen.getByLabelText("Current password")).toHaveAttribute(
    "autocomplete",
    "current-password",
  );
  expect(screen.getByLabelText("New password")).toHaveAttribute("autocomplete", "new-password");
  expect(screen.getByLabelText("Confirm new password")).toHaveAttribute(
    "autocomplete",
    "new-password",
  );
});

test("When the password changes, then the other sessions ended are announced and the form empties", async () => {
  vi.mocked(changePassword).mockResolvedValue({ sessionsEnded: 2 } as never);
  renderInContext(<PasswordForm />);
  fill("old password 1", "brand new pass 2");
  expect(await screen.findByRole("status")).toHaveTextContent(
    "Password changed. Signed out 2 other sessions.",
  );
  expect(changePassword).toHaveBeenCalledWith({
    currentPassword: "old password 1",
    newPassword: "brand new pass 2",
  });
  expect(screen.getByLabelText("Current password")).toHaveValue("");
});

test("When the confirmation differs, then it says so and nothing is sent", () => {
  renderInContext(<PasswordForm />);
  fill("old password 1", "brand new pass 2", "brand new pass 3");
  expect(screen.getByLabelText("Confirm new password")).toHaveAccessibleDescription(
    "The passwords do not match",
  );
  expect(changePassword).not.toHaveBeenCalled();
});

test("When the new password is too short, then the schema's message shows under it", async () => {
  renderInContext(<PasswordForm />);
  fill("old password 1", "short");
  expect(await screen.findByText("Password must be at least 8 characters")).toBeInTheDocument();
  expect(changePassword).not.toHaveBeenCalled();
});

test("When the current password is wrong, then the server's message shows under it", async () => {
  vi.mocked(changePassword).mockRejectedValue(
    httpError(400, "The current password is wrong", {
      fieldErrors: [{ field: "currentPassword", message: "The current password is wrong" }],
    }),
  );
  renderInContext(<PasswordForm />);
  fill("not it at all", "brand new pass 2");
  expect(await screen.findByText("The current password is wrong")).toBeInTheDocument();
  expect(screen.getByLabelText("Current password")).toHaveAttribute("aria-invalid", "true");
});
