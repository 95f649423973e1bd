import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { rehypeHeadingLevels } from "./headingLevels";

// Writers' Markdown is untrusted. react-markdown builds React elements (no innerHTML), drops raw
// HTML, and its URL transform blanks `javascript:`/`data:` links; rehype-sanitize (GitHub's
// allow-list) is the second lock should a plugin ever let something through. Nothing here needs
// an inline script or style, so the strict CSP holds.
const rehypePlugins = [rehypeSanitize, rehypeHeadingLevels];
const remarkPlugins = [remarkGfm];

const components: Components = {
  // Links in what people write are theirs, not the site's endorsement: no referrer window
  // handle, no ranking credit, marked as user content.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  a: ({ node, ...props }) => <a {...props} rel="noopener nofollow ugc" />,
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  img: ({ node, alt, ...props }) => (
    <img {...props} alt={alt ?? ""} loading="lazy" decoding="async" referrerPolicy="no-referrer" />
  ),
};

/** A post body or comment, rendered from Markdown (GitHub-flavoured) safely. */
export default function MarkdownRenderer({
  source,
  className,
}: {
  source: string;
  className?: string;
}) {
  return (
    <div className={className ? `markdown ${className}` : "markdown"}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
