import { fireEvent, screen } from "@testing-library/react";
import { useAuth } from "wasp/client/auth";
import { followUser, unfollowUser } from "wasp/client/operations";
import { renderInContext } from "wasp/client/test";
import { httpError } from "../posts/testPosts";
import { FollowButton } from "./FollowButton";

vi.mock("wasp/client/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/auth")>()),
  useAuth: vi.fn(),
}));
vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  followUser: vi.fn(),
  unfollowUser: vi.fn(),
}));

const signedIn = (user: object | null) =>
  vi
    .mocked(useAuth)
    .mockReturnValue({ data: user, isLoading: false } as ReturnType<typeof useAuth>);

beforeEach(() => {
  vi.mocked(followUser).mockReset();
  vi.mocked(unfollowUser).mockReset();
  signedIn({ id: 1, username: "me" });
});

test("When Follow is pressed, then the button shows Following at once and the follow is sent", async () => {
  let answer: (value: unknown) => void = () => {};
  vi.mocked(followUser).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
  renderInContext(<FollowButton username="ada" following={false} />);
  const button = screen.getByRole("button", { name: "Follow" });
  expect(button).toHaveAttribute("aria-pressed", "false");
  fireEvent.click(button);
  expect(screen.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");
  expect(followUser).toHaveBeenCalledWith({ username: "ada" });
  answer({});
  expect(await screen.findByRole("button", { name: "Following" })).toBeEnabled();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

test("When the server refuses a follow, then the button rolls back and says why", async () => {
  vi.mocked(followUser).mockRejectedValue(httpError(403, "You cannot follow yourself"));
  renderInContext(<FollowButton username="ada" following={false} />);
  fireEvent.click(screen.getByRole("button", { name: "Follow" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("You cannot follow yourself");
  expect(screen.getByRole("button", { name: "Follow" })).toHaveAttribute("aria-pressed", "false");
});

test("When an unfollow fails, then Following comes back with a message", async () => {
  vi.mocked(unfollowUser).mockRejectedValue(new Error("Network Error"));
  renderInContext(<FollowButton username="ada" following />);
  fireEvent.click(screen.getByRole("button", { name: "Following" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Network Error");
  expect(screen.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");
});

test("When signed out, then the follow button is a link to log in", () => {
  signedIn(null);
  renderInContext(<FollowButton username="ada" following={false} />);
  expect(screen.getByRole("link", { name: "Log in to follow" })).toHaveAttribute("href", "/login");
  expect(screen.queryByRole("button")).not.toBeInTheDocument();
});
