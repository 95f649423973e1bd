import { action } from "@wasp.sh/spec";
import { favoritePost, unfavoritePost } from "./favoritesOperations" with { type: "ref" };

// "Post" so the post page and every feed refetch the count and the viewer's flag.
export const favoritesSpec = [
  action(favoritePost, { entities: ["Post", "Favorite"] }),
  action(unfavoritePost, { entities: ["Post", "Favorite"] }),
];
