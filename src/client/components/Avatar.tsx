import "./avatar.css";

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
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
  size?: "small" | "large";
}) {
  const className = `avatar avatar-${size}`;
  if (image) {
    const px = size === "large" ? 96 : 32;
    return <img className={className} src={image} alt="" width={px} height={px} loading="lazy" />;
  }
  return (
    <span className={`${className} avatar-initials`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
