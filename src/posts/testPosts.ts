import type { AuthorView, PostView } from "./posts.schemas";

// Post and author shapes for component tests, as the operations answer them.
export const ada: AuthorView = {
  id: 7,
  name: "Ada Lovelace",
  username: "ada",
  bio: null,
  image: null,
  following: false,
};

export const testPost = (id: number, title: string, changes: Partial<PostView> = {}): PostView => ({
  id,
  slug: `post-${id}`,
  title,
  description: "",
  tags: [],
  favoritesCount: 0,
  favorited: false,
  content: `Body of ${title}`,
  createdAt: new Date("2026-01-02T03:04:05Z"),
  updatedAt: new Date("2026-01-02T03:04:05Z"),
  author: ada,
  hiddenAt: null,
  hiddenReason: null,
  ...changes,
});

/** What Wasp's client throws for an HTTP error: the status, and the body ({ message, data }). */
export const httpError = (statusCode: number, message: string) =>
  Object.assign(new Error(message), { statusCode, data: { message, data: { message } } });
