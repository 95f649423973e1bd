import "./post-page.css";

/**
 * A person's avatar: their image when they set one, else their initial on a tinted disc. The
 * image is decorative (alt=""): the name beside it says who it is.
 */
export function AuthorAvatar({
  author,
  size = "medium",
}: {
  author: { name: string; image: string | null };
  size?: "small" | "medium";
}) {
  const className = `avatar avatar-${size}`;
  if (author.image) {
    return (
      <img
        className={className}
        src={author.image}
        alt=""
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <span className={`${className} avatar-initial`} aria-hidden="true">
      {Array.from(author.name.trim())[0]?.toUpperCase() ?? "?"}
    </span>
  );
}
