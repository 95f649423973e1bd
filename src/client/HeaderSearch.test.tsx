import { fireEvent, screen } from "@testing-library/react";
import { renderInContext } from "wasp/client/test";
import { HeaderSearch } from "./HeaderSearch";

test("When a search is typed in the header, then the app goes to /search?q= with it", () => {
  window.history.pushState({}, "", "/");
  renderInContext(<HeaderSearch />);
  const form = screen.getByRole("search");
  expect(form).toHaveAttribute("action", "/search");
  expect(form).toHaveAttribute("method", "get");
  fireEvent.change(screen.getByRole("searchbox", { name: "Search posts" }), {
    target: { value: " dragons & co " },
  });
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
  expect(window.location.pathname).toBe("/search");
  expect(new URLSearchParams(window.location.search).get("q")).toBe("dragons & co");
});

test("When on a search page, then the header box shows the query", () => {
  window.history.pushState({}, "", "/search?q=rust");
  renderInContext(<HeaderSearch />);
  expect(screen.getByRole("searchbox", { name: "Search posts" })).toHaveValue("rust");
});
