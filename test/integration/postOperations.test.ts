import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { operation } from "../http";
import { signedUpUser } from "../factories";

// The post page's Wasp operations over HTTP: they go through the same service as REST, so
// ownership, visibility and validation hold for the browser too.
describe("post operations over HTTP", () => {
  test("When the author edits and then deletes their post, then both take effect", async () => {
    const author = await signedUpUser("author");
    const created = await operation(
      "create-post",
      { title: "Draft", content: "x" },
      author.sessionId,
    );
    const id = created.data.id;
    const updated = await operation("update-post", { id, title: "Final" }, author.sessionId);
    expect(updated).toMatchObject({ status: 200, data: { id, title: "Final", content: "x" } });
    const fetched = await operation("get-post", { id });
    expect(fetched).toMatchObject({ status: 200, data: { title: "Final" } });
    const deleted = await operation("delete-post", { id }, author.sessionId);
    expect(deleted.status).toBe(200);
    expect(await prisma.post.count({ where: { id } })).toBe(0);
    expect((await operation("get-post", { id })).status).toBe(404);
  });

  test("When another user edits or deletes a post, then 403 and the post is unchanged", async () => {
    const author = await signedUpUser("author");
    const other = await signedUpUser("other");
    const { data: post } = await operation(
      "create-post",
      { title: "Mine", content: "x" },
      author.sessionId,
    );
    const edit = await operation("update-post", { id: post.id, title: "Yours" }, other.sessionId);
    expect(edit.status).toBe(403);
    const remove = await operation("delete-post", { id: post.id }, other.sessionId);
    expect(remove.status).toBe(403);
    expect(await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({
      title: "Mine",
    });
  });

  test("When a hidden post is requested, then others get 404 and its author still sees it", async () => {
    const author = await signedUpUser("author");
    const { data: post } = await operation(
      "create-post",
      { title: "Hidden", content: "x" },
      author.sessionId,
    );
    await prisma.post.update({ where: { id: post.id }, data: { hiddenAt: new Date() } });
    expect((await operation("get-post", { id: post.id })).status).toBe(404);
    const own = await operation("get-post", { id: post.id }, author.sessionId);
    expect(own).toMatchObject({ status: 200, data: { id: post.id } });
  });

  test("When a user renames themselves, then the new name is stored; renaming someone else is 403", async () => {
    const user = await signedUpUser("renamer");
    const other = await signedUpUser("victim");
    const renamed = await operation(
      "update-user",
      { id: user.id, name: " New Name " },
      user.sessionId,
    );
    expect(renamed).toMatchObject({ status: 200, data: { name: "New Name" } });
    const refused = await operation(
      "update-user",
      { id: other.id, name: "Hacked" },
      user.sessionId,
    );
    expect(refused.status).toBe(403);
    const role = await operation("update-user", { id: user.id, role: "ADMIN" }, user.sessionId);
    expect(role.status).toBe(403);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "USER",
    });
  });
});
