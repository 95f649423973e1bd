import { screen } from "@testing-library/react";
import { renderInContext } from "wasp/client/test";
import { TagLinks } from "./TagLinks";

test("When a post has tags, then each links to its tag's feed, in the writer's order", () => {
  renderInContext(<TagLinks tags={["c++", "dragons"]} className="tag-list" />);
  const links = screen.getAllByRole("link");
  expect(links.map((link) => link.textContent)).toEqual(["#c++", "#dragons"]);
  expect(links[0]).toHaveAttribute("href", "/?tag=c%2B%2B");
});

test("When a post has no tags, then no empty list is left behind", () => {
  const { container } = renderInContext(<TagLinks tags={[]} className="tag-list" />);
  expect(container.querySelector("ul")).toBeNull();
});
