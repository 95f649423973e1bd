import type { CommentView } from "../../comments/comments.schemas";
import type { AuthorView, PostView } from "../../posts/posts.schemas";
import type { ProfileView } from "../../users/users.schemas";

// The services' views as RealWorld spells them: `body` is a post's content, `tagList` its tags;
// a profile is a user as readers see them. Only the spec's fields leave (no ids, no names).

type Account = { email: string; username: string; bio: string | null; image: string | null };

export const userOf = ({ email, username, bio, image }: Account, token: string) => ({
  email,
  token,
  username,
  bio,
  image,
});

export const profileOf = ({ username, bio, image, following }: ProfileView | AuthorView) => ({
  username,
  bio,
  image,
  following,
});

/** An article in a list: everything but its body. */
export const articleSummaryOf = (post: PostView) => ({
  slug: post.slug,
  title: post.title,
  description: post.description,
  tagList: post.tags,
  createdAt: post.createdAt,
  updatedAt: post.updatedAt,
  favorited: post.favorited,
  favoritesCount: post.favoritesCount,
  author: profileOf(post.author),
});

export const articleOf = (post: PostView) => ({
  ...articleSummaryOf(post),
  body: post.content,
});

export const commentOf = ({ id, createdAt, updatedAt, body, author }: CommentView) => ({
  id,
  createdAt,
  updatedAt,
  body,
  author: profileOf(author),
});
