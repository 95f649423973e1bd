import type { z } from "zod";
import type { FavoritePost, UnfavoritePost } from "wasp/server/operations";
import { serviceDeps } from "../server/serviceDeps";
import { idParams } from "../shared/schemas";
import { parseInput } from "../shared/validation";
import { asOperation, viewerFrom } from "../shared/wasp";
import * as favorites from "./favorites.service";
import type { PostView } from "./posts.schemas";

// Favourites over Wasp, through the same idempotent service as /api/v1; both answer the post
// as it now is (its count and the viewer's flag), which the button settles on.
type IdArgs = z.input<typeof idParams>;

export const favoritePost: FavoritePost<IdArgs, PostView> = (args, context) =>
  asOperation(() => {
    const { id } = parseInput(idParams, args);
    return favorites.favoritePost(viewerFrom(context.user), id, serviceDeps());
  });

export const unfavoritePost: UnfavoritePost<IdArgs, PostView> = (args, context) =>
  asOperation(() => {
    const { id } = parseInput(idParams, args);
    return favorites.unfavoritePost(viewerFrom(context.user), id, serviceDeps());
  });
