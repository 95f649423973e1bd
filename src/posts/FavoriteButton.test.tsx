import { fireEvent, screen } from "@testing-library/react";
import { favoritePost, unfavoritePost } from "wasp/client/operations";
import { renderInContext } from "wasp/client/test";
import { FavoriteButton } from "./FavoriteButton";

vi.mock("wasp/client/operations", async (importOriginal) => ({
  ...(await importOriginal<typeof import("wasp/client/operations")>()),
  favoritePost: vi.fn(),
  unfavoritePost: vi.fn(),
}));

const httpError = (statusCode: number, message: string) =>
  Object.assign(new Error(message), { statusCode, data: { message, data: { message } } });

// An operation the test settles by hand, to look at the page while it is in flight.
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.mocked(favoritePost).mockReset();
  vi.mocked(unfavoritePost).mockReset();
});

test("When a reader favourites, then the button flips at once and settles on the server's count", async () => {
  const call = deferred<{ favorited: boolean; favoritesCount: number }>();
  vi.mocked(favoritePost).mockReturnValue(call.promise as never);
  renderInContext(<FavoriteButton postId={4} favorited={false} count={2} signedIn />);
  const button = screen.getByRole("button", { name: "Favourite 2" });
  expect(button).toHaveAttribute("aria-pressed", "false");

  fireEvent.click(button);
  // Before the server answers: already favourited, one more.
  const pressed = screen.getByRole("button", { name: "Favourited 3" });
  expect(pressed).toHaveAttribute("aria-pressed", "true");
  expect(favoritePost).toHaveBeenCalledWith({ id: 4 });

  call.resolve({ favorited: true, favoritesCount: 5 });
  expect(await screen.findByRole("button", { name: "Favourited 5" })).toBeInTheDocument();
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

test("When the server refuses, then the button rolls back and says why", async () => {
  const call = deferred<never>();
  vi.mocked(unfavoritePost).mockReturnValue(call.promise);
  renderInContext(<FavoriteButton postId={4} favorited count={3} signedIn />);

  fireEvent.click(screen.getByRole("button", { name: "Favourited 3" }));
  expect(screen.getByRole("button", { name: "Favourite 2" })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  call.reject(httpError(404, "Post not found"));

  expect(await screen.findByRole("alert")).toHaveTextContent(
    "Could not remove the favourite: Post not found",
  );
  const button = screen.getByRole("button", { name: "Favourited 3" });
  expect(button).toHaveAttribute("aria-pressed", "true");
  expect(favoritePost).not.toHaveBeenCalled();
});

test("When the reader is signed out, then a link to log in is offered instead", () => {
  renderInContext(<FavoriteButton postId={4} favorited={false} count={7} signedIn={false} />);
  expect(screen.queryByRole("button")).not.toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Log in to favourite 7" })).toHaveAttribute(
    "href",
    "/login",
  );
});
