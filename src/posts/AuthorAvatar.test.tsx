import { render } from "@testing-library/react";
import { AuthorAvatar } from "./AuthorAvatar";

test("When the author set an image, then it shows as a decorative picture", () => {
  const { container } = render(
    <AuthorAvatar author={{ name: "Ada", image: "https://example.com/ada.png" }} />,
  );
  const image = container.querySelector("img");
  expect(image).toHaveAttribute("src", "https://example.com/ada.png");
  expect(image).toHaveAttribute("alt", "");
});

test("When the author has no image, then their initial stands in, hidden from screen readers", () => {
  const { container } = render(
    <AuthorAvatar author={{ name: "ümit", image: null }} size="small" />,
  );
  const initial = container.querySelector(".avatar-small");
  expect(initial).toHaveTextContent("Ü");
  expect(initial).toHaveAttribute("aria-hidden", "true");
  expect(container.querySelector("img")).toBeNull();
});
