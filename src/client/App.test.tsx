import { screen, within } from "@testing-library/react";
import { useAuth } from "wasp/client/auth";
import { renderInContext } from "wasp/client/test";
import { App } from "./App";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  useAuth: vi.fn(),
}));

const as = (user: object | null) =>
  vi
    .mocked(useAuth)
    .mockReturnValue({ data: user, isLoading: false } as ReturnType<typeof useAuth>);

const nav = () => within(screen.getByRole("navigation", { name: "Main" }));

test("When signed in, then the header offers search, Write, the profile at /@handle, Settings and Log out", () => {
  as({ id: 1, username: "ada", name: "Ada", role: "USER" });
  renderInContext(<App />);
  expect(nav().getByRole("search")).toBeInTheDocument();
  expect(nav().getByRole("searchbox", { name: "Search posts" })).toBeInTheDocument();
  expect(nav().getByRole("link", { name: "Write" })).toHaveAttribute("href", "/editor");
  expect(nav().getByRole("link", { name: /Signed in as\s*Ada/ })).toHaveAttribute("href", "/@ada");
  expect(nav().getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings");
  expect(nav().getByRole("button", { name: "Log out" })).toBeInTheDocument();
  expect(nav().queryByRole("link", { name: "Moderation" })).not.toBeInTheDocument();
});

test("When an admin is signed in, then Moderation is offered too", () => {
  as({ id: 1, username: "root", name: "Root", role: "ADMIN" });
  renderInContext(<App />);
  expect(nav().getByRole("link", { name: "Moderation" })).toHaveAttribute("href", "/admin");
});

test("When signed out, then the header offers search, Log in and Sign up only", () => {
  as(null);
  renderInContext(<App />);
  expect(nav().getByRole("search")).toBeInTheDocument();
  expect(nav().getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  expect(nav().getByRole("link", { name: "Sign up" })).toHaveAttribute("href", "/signup");
  expect(nav().queryByRole("link", { name: "Write" })).not.toBeInTheDocument();
});
