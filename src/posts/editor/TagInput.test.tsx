import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { TagInput } from "./TagInput";

function Harness({ initial = [] }: { initial?: string[] }) {
  const [tags, setTags] = useState(initial);
  return (
    <>
      <TagInput
        id="tags"
        tags={tags}
        onChange={setTags}
        suggestions={["typescript", "tea", "travel"]}
      />
      <output data-testid="tags">{tags.join(" ")}</output>
    </>
  );
}

const input = () => screen.getByLabelText("Tags");
const tagsNow = () => screen.getByTestId("tags").textContent;

test("When a tag is typed and Enter or comma pressed, then it is added normalised as a chip", () => {
  render(<Harness />);
  fireEvent.change(input(), { target: { value: "Machine  Learning" } });
  fireEvent.keyDown(input(), { key: "Enter" });
  fireEvent.change(input(), { target: { value: "Rust" } });
  fireEvent.keyDown(input(), { key: "," });
  expect(tagsNow()).toBe("machine-learning rust");
  expect(input()).toHaveValue("");
  expect(screen.getByRole("list", { name: "Tags on this post" })).toHaveTextContent("rust");
});

test("When a chip's remove button is pressed, then that tag goes", () => {
  render(<Harness initial={["tea", "rust"]} />);
  fireEvent.click(screen.getByRole("button", { name: "Remove tag tea" }));
  expect(tagsNow()).toBe("rust");
});

test("When a tag breaks the server's rule, then its message shows and nothing is added", () => {
  render(<Harness />);
  fireEvent.change(input(), { target: { value: "c#" } });
  fireEvent.keyDown(input(), { key: "Enter" });
  expect(input()).toHaveAccessibleDescription(/A tag cannot contain , \/ \? or #/);
  expect(input()).toHaveAttribute("aria-invalid", "true");
  expect(tagsNow()).toBe("");
});

test("When text is typed, then the suggestions are the matching tags not yet added", () => {
  const { container } = render(<Harness initial={["tea"]} />);
  fireEvent.change(input(), { target: { value: "t" } });
  const options = [...container.querySelectorAll("datalist option")].map((o) =>
    o.getAttribute("value"),
  );
  expect(options).toEqual(["typescript", "travel"]);
  fireEvent.change(input(), { target: { value: "typescript" } });
  expect(tagsNow()).toBe("tea typescript");
});
