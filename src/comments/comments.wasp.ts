import { action, query } from "@wasp.sh/spec";
import { createComment, deleteComment, getComments } from "./operations" with { type: "ref" };

// Entities only drive Wasp's refetching: a comment written or deleted refetches the comment
// lists; following an author changes the "following" flag the list carries. An admin's delete
// is audited. (Reports of comments go through moderation's createReport.)
export const commentsSpec = [
  query(getComments, { entities: ["Comment", "Follow"] }),
  action(createComment, { entities: ["Comment"] }),
  action(deleteComment, { entities: ["Comment", "AuditLog"] }),
];
