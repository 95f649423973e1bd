import { screen } from "@testing-library/react";
import { getTags } from "wasp/client/operations";
import { mockServer, renderInContext } from "wasp/client/test";
import { TagCloud } from "./TagCloud";

const { mockQuery } = mockServer();

test("When there are many tags, then the cloud links the 20 most used, in the server's order", async () => {
  const tags = Array.from({ length: 30 }, (_, i) => `tag${i}`);
  mockQuery(getTags, { tags });
  renderInContext(<TagCloud />);
  expect(screen.getByRole("heading", { name: "Popular tags" })).toBeInTheDocument();
  const links = await screen.findAllByRole("link");
  expect(links).toHaveLength(20);
  expect(links[0]).toHaveTextContent("#tag0");
  expect(links[0]).toHaveAttribute("href", "/?tag=tag0");
});

test("When there are no tags, then the cloud says so", async () => {
  mockQuery(getTags, { tags: [] });
  renderInContext(<TagCloud />);
  expect(await screen.findByText("No tags yet.")).toBeInTheDocument();
});
