import { excerpt, readingMinutes } from "./excerpt";

test("When a body is Markdown, then its excerpt is the plain text", () => {
  expect(excerpt("# Hello\n\nSome **bold** [link](https://x.test) and `code`.")).toBe(
    "Hello Some bold link and code.",
  );
});

test("When a body is long, then the excerpt stops at a word with an ellipsis", () => {
  const text = excerpt("word ".repeat(100), 42);
  expect(text.endsWith("word…")).toBe(true);
  expect(text.length).toBeLessThanOrEqual(43);
});

test("When a body has 460 words, then it reads in 2 minutes; a short one in 1", () => {
  expect(readingMinutes("word ".repeat(460))).toBe(2);
  expect(readingMinutes("hi")).toBe(1);
});
