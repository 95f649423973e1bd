import { page, route } from "@wasp.sh/spec";
import { PostPage } from "./PostPage" with { type: "ref" };

// Reading a post with its comments: its own folder above posts and comments (see PostPage.tsx).
export const readingSpec = [route("PostRoute", "/posts/:id", page(PostPage))];
