// Whole characters (Array.from), so a name starting with an emoji or an accent stays whole.
const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => Array.from(word)[0]!.toUpperCase())
    .join("") || "?";

/**
 * A person's picture, decorative: their name always stands beside it, so the image has alt=""
 * and the initials circle is hidden from screen readers (it would only repeat the name).
 */
export function Avatar({
  name,
  image,
  size = "small",
}: {
  name: string;
  image: string | null;
  size?: "small" | "medium" | "large";
}) {
  const className = `avatar avatar-${size}`;
  if (image) {
    const px = { small: 32, medium: 44, large: 96 }[size];
    // A picture from anywhere on the web: no referrer tells its host which page showed it.
    return (
      <img
        className={className}
        src={image}
        alt=""
        width={px}
        height={px}
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <span className={`${className} avatar-initials`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
