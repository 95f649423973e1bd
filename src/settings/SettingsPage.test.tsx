import { screen } from "@testing-library/react";
import { getAccount } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { SettingsPage } from "./SettingsPage";

const { mockQuery } = mockServer();

test("When the account loads, then the Profile and Password forms show it", async () => {
  mockQuery(getAccount, {
    id: 7,
    name: "Ada",
    username: "ada",
    bio: "Tea.",
    image: null,
    email: "ada@example.com",
    role: "USER",
    bannedAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    emailChangeNeedsVerification: false,
  });
  renderInContext(<SettingsPage />);
  expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
  expect(await screen.findByDisplayValue("ada@example.com")).toBeInTheDocument();
  expect(screen.getByRole("form", { name: "Profile" })).toBeInTheDocument();
  expect(screen.getByRole("form", { name: "Password" })).toBeInTheDocument();
  expect(screen.getByLabelText("Bio")).toHaveValue("Tea.");
  expect(document.title).toBe("Settings · Inkwell");
});
