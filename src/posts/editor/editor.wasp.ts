import { page, route } from "@wasp.sh/spec";
import { EditPostPage, NewPostPage } from "./EditorPage" with { type: "ref" };

// The editor is its own lazy chunk: readers never download it.
export const editorSpec = [
  route("NewPostRoute", "/editor", page(NewPostPage, { authRequired: true })),
  route("EditPostRoute", "/editor/:id", page(EditPostPage, { authRequired: true })),
];
