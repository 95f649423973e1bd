import { useParams } from "react-router";
import { getPost, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../../client/components/Status";
import { usePageTitle } from "../../client/usePageTitle";
import { PostEditor } from "./PostEditor";

export function NewPostPage() {
  usePageTitle("New post");
  return (
    <main className="editor-page">
      <PostEditor />
    </main>
  );
}

/** Editing: the service decides who may (the author, or an admin) and answers 403 otherwise. */
export function EditPostPage() {
  const { id } = useParams();
  const post = useQuery(getPost, { id: Number(id) });
  usePageTitle(post.data ? `Edit: ${post.data.title}` : "Edit post");
  return (
    <main className="editor-page">
      {post.isLoading && <Loading label="Loading the post…" />}
      {post.error && <LoadError error={post.error} what="the post" />}
      {/* Keyed: a refetch must not reset what is being typed, another post must. */}
      {post.data && <PostEditor key={post.data.id} post={post.data} />}
    </main>
  );
}
