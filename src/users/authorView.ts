// How a post's or a comment's author is shown: their public fields and whether the viewer
// follows them (never whether they are banned; banned authors are filtered out before).
type AuthorRow = {
  id: number;
  name: string;
  username: string;
  bio: string | null;
  image: string | null;
};

export const authorView = ({ id, name, username, bio, image }: AuthorRow, following: boolean) => ({
  id,
  name,
  username,
  bio,
  image,
  following,
});
