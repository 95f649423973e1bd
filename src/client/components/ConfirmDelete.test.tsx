import { fireEvent, render, screen } from "@testing-library/react";
import { ConfirmDelete } from "./ConfirmDelete";

const setup = (run: () => Promise<unknown>) => {
  const onDeleted = vi.fn();
  render(
    <ConfirmDelete
      question="Delete it?"
      fallback="Could not delete"
      run={run}
      onDeleted={onDeleted}
    />,
  );
  return onDeleted;
};

test("When Delete is pressed, then it asks first and Keep it changes nothing", () => {
  const run = vi.fn(() => Promise.resolve());
  setup(run);
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  expect(screen.getByRole("group", { name: "Confirm delete" })).toHaveTextContent("Delete it?");
  fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
  expect(screen.getByRole("button", { name: "Delete" })).toBeInTheDocument();
  expect(run).not.toHaveBeenCalled();
});

test("When the deletion is confirmed, then it runs once and reports success", async () => {
  const run = vi.fn(() => Promise.resolve());
  const onDeleted = setup(run);
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  fireEvent.click(screen.getByRole("button", { name: "Yes, delete" }));
  await vi.waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
  expect(run).toHaveBeenCalledTimes(1);
});

test("When the server refuses, then its message shows and nothing is reported deleted", async () => {
  const onDeleted = setup(() =>
    Promise.reject(Object.assign(new Error("Not yours"), { statusCode: 403 })),
  );
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  fireEvent.click(screen.getByRole("button", { name: "Yes, delete" }));
  expect(await screen.findByRole("alert")).toHaveTextContent(/Not yours|Could not delete/);
  expect(onDeleted).not.toHaveBeenCalled();
});
