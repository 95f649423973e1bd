import { render } from "@testing-library/react";
import { Avatar } from "./Avatar";

test("When the person set an image, then it shows as a decorative picture that sends no referrer", () => {
  const { container } = render(<Avatar name="Ada" image="https://example.com/ada.png" />);
  const image = container.querySelector("img");
  expect(image).toHaveAttribute("src", "https://example.com/ada.png");
  expect(image).toHaveAttribute("alt", "");
  expect(image).toHaveAttribute("referrerpolicy", "no-referrer");
});

test("When the person has no image, then their initials stand in, hidden from screen readers", () => {
  const { container } = render(<Avatar name="ümit öz" image={null} size="medium" />);
  const initials = container.querySelector(".avatar-medium");
  expect(initials).toHaveTextContent("ÜÖ");
  expect(initials).toHaveAttribute("aria-hidden", "true");
  expect(container.querySelector("img")).toBeNull();
});
