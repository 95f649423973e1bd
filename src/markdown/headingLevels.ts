import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

const LEVEL = /^h([1-6])$/;

/**
 * A rehype step that fits a writer's headings under the page's own <h1> (the post's title):
 * the highest level used becomes <h2>, and no heading skips a level after the one before it
 * ("#" then "###" reads as h2 then h3). Screen-reader users navigate by these levels; a post
 * that starts at "##" or jumps levels would otherwise leave holes in the page's outline.
 */
export function rehypeHeadingLevels() {
  return (tree: Root) => {
    const headings: { node: Element; level: number }[] = [];
    visit(tree, "element", (node: Element) => {
      const match = LEVEL.exec(node.tagName);
      if (match) headings.push({ node, level: Number(match[1]) });
    });
    if (headings.length === 0) return;
    const top = Math.min(...headings.map((h) => h.level));
    let previous = 1;
    for (const heading of headings) {
      const level = Math.min(heading.level - top + 2, previous + 1, 6);
      heading.node.tagName = `h${level}`;
      previous = level;
    }
  };
}
