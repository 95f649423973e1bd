import { fireEvent, screen } from "@testing-library/react";
import { requestPasswordReset, resetPassword, verifyEmail } from "wasp/client/auth";
import { renderInContext } from "wasp/client/test";
import { RequestPasswordResetForm, ResetPasswordForm, VerifyEmailForm } from "./EmailLinkForms";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  requestPasswordReset: vi.fn(),
  resetPassword: vi.fn(),
  verifyEmail: vi.fn(),
}));

const httpError = (statusCode: number, message: string) =>
  Object.assign(new Error(message), { statusCode, data: { message } });

// renderInContext routes with the browser's location: the emailed link is opened there.
function at(url: string, ui: React.ReactElement) {
  window.history.pushState({}, "", url);
  return renderInContext(ui);
}

beforeEach(() => vi.resetAllMocks());

test("When a reset link is asked for a malformed address, then nothing is sent and the field says why", async () => {
  at("/request-password-reset", <RequestPasswordResetForm />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "not-an-email" } });
  fireEvent.click(screen.getByRole("button", { name: "Send link" }));
  expect(await screen.findByText("Enter a valid email address")).toBeInTheDocument();
  expect(requestPasswordReset).not.toHaveBeenCalled();
});

test("When a reset link is asked for, then the page says it is on its way", async () => {
  vi.mocked(requestPasswordReset).mockResolvedValue({ success: true });
  at("/request-password-reset", <RequestPasswordResetForm />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "Ada@Example.com" } });
  fireEvent.click(screen.getByRole("button", { name: "Send link" }));
  expect(await screen.findByText(/a link is on its way/)).toBeInTheDocument();
  expect(requestPasswordReset).toHaveBeenCalledWith({ email: "ada@example.com" });
});

test("When the new passwords differ or lack a number, then nothing is sent", async () => {
  at("/password-reset?token=t1", <ResetPasswordForm />);
  fireEvent.change(screen.getByLabelText("New password"), { target: { value: "longpassword" } });
  fireEvent.change(screen.getByLabelText("Repeat the new password"), {
    target: { value: "other" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Set password" }));
  expect(await screen.findByText("Password must contain a number")).toBeInTheDocument();
  expect(screen.getByText("The passwords do not match")).toBeInTheDocument();
  expect(resetPassword).not.toHaveBeenCalled();
});

test("When the link's token is accepted, then the new password is set and log in is offered", async () => {
  vi.mocked(resetPassword).mockResolvedValue({ success: true });
  at("/password-reset?token=t1", <ResetPasswordForm />);
  fireEvent.change(screen.getByLabelText("New password"), { target: { value: "longpass1" } });
  fireEvent.change(screen.getByLabelText("Repeat the new password"), {
    target: { value: "longpass1" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Set password" }));
  expect(await screen.findByRole("heading", { name: "Password changed" })).toBeInTheDocument();
  expect(resetPassword).toHaveBeenCalledWith({ token: "t1", password: "longpass1" });
});

test("When the server refuses the token, then its message shows and the typed password stays", async () => {
  vi.mocked(resetPassword).mockRejectedValue(
    httpError(400, "Password reset failed, invalid token"),
  );
  at("/password-reset?token=old", <ResetPasswordForm />);
  fireEvent.change(screen.getByLabelText("New password"), { target: { value: "longpass1" } });
  fireEvent.change(screen.getByLabelText("Repeat the new password"), {
    target: { value: "longpass1" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Set password" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("invalid token");
  expect(screen.getByLabelText("New password")).toHaveValue("longpass1");
});

test("When a link has no token, then the page says so instead of a form", () => {
  at("/password-reset", <ResetPasswordForm />);
  expect(screen.getByRole("heading", { name: "Link incomplete" })).toBeInTheDocument();
});

test("When a verification link opens, then the token is sent once and success is shown", async () => {
  vi.mocked(verifyEmail).mockResolvedValue({ success: true });
  at("/email-verification?token=v1", <VerifyEmailForm />);
  expect(await screen.findByText(/Your address is verified/)).toBeInTheDocument();
  expect(verifyEmail).toHaveBeenCalledTimes(1);
  expect(verifyEmail).toHaveBeenCalledWith({ token: "v1" });
});

test("When a verification link is refused, then the reason and a way forward are shown", async () => {
  vi.mocked(verifyEmail).mockRejectedValue(httpError(400, "Token expired."));
  at("/email-verification?token=v1", <VerifyEmailForm />);
  expect(await screen.findByText(/Token expired\./)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "reset your password" })).toBeInTheDocument();
});
