import { fireEvent, screen } from "@testing-library/react";
import { renderInContext } from "wasp/client/test";
import { PostForm } from "./PostForm";

test("When the form is submitted empty, then each field says what is missing", async () => {
  renderInContext(<PostForm />);
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("Title is required")).toBeInTheDocument();
  expect(screen.getByText("Content is required")).toBeInTheDocument();
  expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");
});

test("When the title is too long, then the limit is shown next to it", async () => {
  renderInContext(<PostForm />);
  fireEvent.change(screen.getByLabelText("Title"), { target: { value: "x".repeat(201) } });
  fireEvent.change(screen.getByLabelText("Content"), { target: { value: "Body" } });
  fireEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByText("At most 200 characters")).toBeInTheDocument();
  expect(screen.queryByText("Content is required")).not.toBeInTheDocument();
});
