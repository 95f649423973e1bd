import { fireEvent, screen } from "@testing-library/react";
import { updateAccount } from "wasp/client/operations";
import { renderInContext } from "wasp/client/test";
import type { AccountSettings } from "./operations";
import { ProfileForm } from "./ProfileForm";

vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  updateAccount: vi.fn(),
}));

const httpError = (statusCode: number, message: string, data: unknown) =>
  Object.assign(new Error(message), { statusCode, data: { message, data } });

const account: AccountSettings = {
  id: 7,
  name: "Ada",
  username: "ada",
  bio: null,
  image: null,
  email: "ada@example.com",
  role: "USER",
  bannedAt: null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  emailChangeNeedsVerification: true,
};

beforeEach(() => {
  vi.mocked(updateAccount).mockReset();
});

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

test("When the form opens, then it shows the account and explains the profile URL and email verification", () => {
  renderInContext(<ProfileForm account={account} />);
  expect(screen.getByRole("heading", { name: "Profile" })).toBeInTheDocument();
  expect(screen.getByLabelText("Username")).toHaveValue("ada");
  expect(screen.getByLabelText("Username")).toHaveAccessibleDescription(/\/@ada/);
  expect(screen.getByLabelText("Email")).toHaveAccessibleDescription(/must be verified/);
  type("Username", "ada_l");
  expect(screen.getByLabelText("Username")).toHaveAccessibleDescription(/\/@ada_l/);
});

test("When the bio is typed, then its character count follows", () => {
  renderInContext(<ProfileForm account={account} />);
  type("Bio", "Hello");
  expect(screen.getByLabelText("Bio")).toHaveAccessibleDescription("5 of 1000 characters");
});

test("When an avatar URL is typed, then a preview image shows it", () => {
  renderInContext(<ProfileForm account={account} />);
  expect(screen.queryByRole("img", { name: "Avatar preview" })).not.toBeInTheDocument();
  type("Avatar URL", "https://example.com/me.png");
  expect(screen.getByRole("img", { name: "Avatar preview" })).toHaveAttribute(
    "src",
    "https://example.com/me.png",
  );
});

test("When only the name changes, then only the name is sent and Saved is announced", async () => {
  vi.mocked(updateAccount).mockResolvedValue({ ...account, name: "Ada L" } as never);
  renderInContext(<ProfileForm account={account} />);
  type("Display name", "Ada L");
  fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Saved.")).toHaveAttribute("role", "status");
  expect(updateAccount).toHaveBeenCalledWith({ name: "Ada L" });
});

test("When the email changes, then the status says to check the inbox", async () => {
  vi.mocked(updateAccount).mockResolvedValue(account as never);
  renderInContext(<ProfileForm account={account} />);
  type("Email", "new@example.com");
  fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByRole("status")).toHaveTextContent(/verify the new email/);
});

test("When the username is taken, then the server's message shows under it", async () => {
  vi.mocked(updateAccount).mockRejectedValue(
    httpError(409, "This username is taken", {
      fieldErrors: [{ field: "username", message: "This username is taken" }],
    }),
  );
  renderInContext(<ProfileForm account={account} />);
  type("Username", "grace");
  fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("This username is taken")).toBeInTheDocument();
  expect(screen.getByLabelText("Username")).toHaveAttribute("aria-invalid", "true");
  expect(screen.getByLabelText("Username")).toHaveValue("grace");
});

test("When the avatar is not a web URL, then the schema's message shows and nothing is sent", async () => {
  renderInContext(<ProfileForm account={account} />);
  type("Avatar URL", "javascript:alert(1)");
  fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
  expect(await screen.findByText("Image must be an http(s) URL")).toBeInTheDocument();
  expect(updateAccount).not.toHaveBeenCalled();
});

test("When nothing changed, then it says so and sends nothing", () => {
  renderInContext(<ProfileForm account={account} />);
  fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
  expect(screen.getByRole("status")).toHaveTextContent("Nothing to save.");
  expect(updateAccount).not.toHaveBeenCalled();
});
