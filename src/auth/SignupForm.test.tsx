import { fireEvent, screen } from "@testing-library/react";
import { renderInContext } from "wasp/client/test";
import { SignupForm } from "./SignupForm";

test("When sign-up is submitted empty, then every field says what is missing, tied to its input", async () => {
  renderInContext(<SignupForm />);
  fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
  expect(await screen.findByText("Name is required")).toBeInTheDocument();
  expect(screen.getByText("Email is required")).toBeInTheDocument();
  const password = screen.getByLabelText("Password");
  expect(password).toHaveAttribute("aria-invalid", "true");
  expect(password).toHaveAccessibleDescription(/At least 8 characters/);
});

test("When the password has no number, then the password field asks for one", async () => {
  renderInContext(<SignupForm />);
  fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Ada" } });
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "longpassword" } });
  fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
  expect(await screen.findByText("Include at least one number")).toBeInTheDocument();
  expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "false");
});
