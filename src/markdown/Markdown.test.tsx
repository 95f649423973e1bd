import { render, screen } from "@testing-library/react";
import Markdown from "./MarkdownRenderer";
import { XSS_PAYLOADS, unsafeMarkup } from "./xssPayloads";

test("When a body uses Markdown, then headings, lists, quotes, code, links and images render", () => {
  const { container } = render(
    <Markdown
      source={[
        "# Title",
        "Some **bold** and _italic_ text.",
        "- one\n- two",
        "> quoted",
        "```\nconst x = 1;\n```",
        "[a link](https://example.com/page)",
        "![a cat](https://example.com/cat.png)",
      ].join("\n\n")}
    />,
  );
  // The page owns the <h1>: a writer's top heading becomes an <h2>.
  expect(screen.getByRole("heading", { level: 2, name: "Title" })).toBeInTheDocument();
  expect(container.querySelector("h1")).toBeNull();
  expect(container.querySelector("strong")).toHaveTextContent("bold");
  expect(screen.getAllByRole("listitem")).toHaveLength(2);
  expect(container.querySelector("blockquote")).toHaveTextContent("quoted");
  expect(container.querySelector("pre code")).toHaveTextContent("const x = 1;");
  const link = screen.getByRole("link", { name: "a link" });
  expect(link).toHaveAttribute("href", "https://example.com/page");
  expect(link).toHaveAttribute("rel", "noopener nofollow ugc");
  const image = screen.getByRole("img", { name: "a cat" });
  expect(image).toHaveAttribute("src", "https://example.com/cat.png");
  expect(image).toHaveAttribute("loading", "lazy");
});

test("When a body holds raw HTML, then it is not rendered as markup", () => {
  const { container } = render(<Markdown source={"<b>bold?</b> <em>no</em>"} />);
  expect(container.querySelector("b")).toBeNull();
  expect(container.querySelector("em")).toBeNull();
});

test.each(XSS_PAYLOADS)(
  "When a body is the payload %j, then no script, handler or script URL reaches the DOM",
  (payload) => {
    const { container } = render(<Markdown source={`Before\n\n${payload}\n\nafter ${payload}`} />);
    expect(unsafeMarkup(container)).toEqual([]);
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  },
);

test("When the check sees unsafe markup, then it reports it (the guard itself works)", () => {
  const div = document.createElement("div");
  div.innerHTML = '<a href=" javascript:x">a</a><img onerror="x" src="y"><script></script>';
  expect(unsafeMarkup(div)).toHaveLength(3);
});

test("When a body starts at '##' and jumps levels, then its headings still follow the page's h1 without gaps", () => {
  const { container } = render(
    <Markdown source={"## Start\n\n#### Deep\n\n### Middle\n\n## Again"} />,
  );
  const levels = [...container.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(
    (h) => `${h.tagName.toLowerCase()} ${h.textContent}`,
  );
  expect(levels).toEqual(["h2 Start", "h3 Deep", "h3 Middle", "h2 Again"]);
});

test("When a page shows Markdown through the lazily loaded renderer, then the body appears once it has loaded", async () => {
  const { Markdown: LazyMarkdown } = await import("./Markdown");
  render(<LazyMarkdown source={"Some **bold** text."} />);
  expect(await screen.findByText("bold")).toHaveProperty("tagName", "STRONG");
});
