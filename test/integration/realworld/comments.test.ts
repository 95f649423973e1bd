import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { rowsFor } from "../../audit";
import { idOf, rw, rwArticle, rwUser } from "../../realworld";

// Comments under an article through the RealWorld door: named by the article's slug, owned by
// their authors, and hidden with moderation as everywhere else.

const COMMENT_KEYS = ["author", "body", "createdAt", "id", "updatedAt"];
const comment = (token: string, slug: string, body: unknown) =>
  rw("POST", `/articles/${slug}/comments`, { token, body: { comment: { body } } });

describe("comments", () => {
  test("When a reader comments, then 201 with exactly the spec's comment, listed in reading order with or without a token", async () => {
    const author = await rwUser("commented");
    const reader = await rwUser("commenter");
    const { slug } = await rwArticle(author);
    await rw("POST", `/profiles/${reader.username}/follow`, { token: author.token });
    const first = await comment(reader.token, slug, "First!");
    expect(first.status).toBe(201);
    expect(Object.keys(first.body.comment).sort()).toEqual(COMMENT_KEYS);
    expect(first.body.comment).toMatchObject({
      id: expect.any(Number),
      body: "First!",
      author: { username: reader.username, bio: null, image: null, following: false },
    });
    await comment(author.token, slug, "Thanks");
    const anonymous = await rw("GET", `/articles/${slug}/comments`);
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.body)).toEqual(["comments"]);
    expect(anonymous.body.comments.map((c: { body: string }) => c.body)).toEqual([
      "First!",
      "Thanks",
    ]);
    const asAuthor = await rw("GET", `/articles/${slug}/comments`, { token: author.token });
    expect(asAuthor.body.comments[0].author.following).toBe(true);
  });

  test("When the comment is blank or its envelope missing, then 422 and nothing is stored", async () => {
    const author = await rwUser("blankcomment");
    const { slug } = await rwArticle(author);
    for (const body of ["", "   ", null]) {
      const response = await comment(author.token, slug, body);
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ errors: { body: ["can't be blank"] } });
    }
    const noEnvelope = await rw("POST", `/articles/${slug}/comments`, {
      token: author.token,
      body: { body: "outside the envelope" },
    });
    expect(noEnvelope.body).toEqual({ errors: { comment: ["can't be blank"] } });
    expect((await rw("GET", `/articles/${slug}/comments`)).body.comments).toEqual([]);
  });

  test("When the article is unknown, then 404 article not found for listing, commenting and deleting", async () => {
    const user = await rwUser("nowhere");
    const slug = "no-such-article-for-comments";
    expect((await rw("GET", `/articles/${slug}/comments`)).body).toEqual({
      errors: { article: ["not found"] },
    });
    expect((await comment(user.token, slug, "orphan")).body).toEqual({
      errors: { article: ["not found"] },
    });
    const remove = await rw("DELETE", `/articles/${slug}/comments/1`, { token: user.token });
    expect(remove.status).toBe(404);
    expect(remove.body).toEqual({ errors: { article: ["not found"] } });
  });

  test("When the comment is unknown, or belongs to another article, then 404 comment not found", async () => {
    const author = await rwUser("twoarticles");
    const one = await rwArticle(author);
    const two = await rwArticle(author);
    const onTwo = (await comment(author.token, two.slug, "on two")).body.comment.id as number;
    for (const id of [2_000_000_000, onTwo]) {
      const response = await rw("DELETE", `/articles/${one.slug}/comments/${id}`, {
        token: author.token,
      });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ errors: { comment: ["not found"] } });
    }
    const notANumber = await rw("DELETE", `/articles/${one.slug}/comments/abc`, {
      token: author.token,
    });
    expect(notANumber.status).toBe(422);
    expect(Object.keys(notANumber.body.errors)).toEqual(["id"]);
    expect(await prisma.comment.count({ where: { id: onTwo } })).toBe(1);
  });

  test("When someone else deletes a comment, then 403 comment forbidden and it survives; its author then deletes it", async () => {
    const author = await rwUser("commentowner");
    const other = await rwUser("commentintruder");
    const { slug } = await rwArticle(other);
    const { id } = (await comment(author.token, slug, "Mine")).body.comment;
    // Not even the article's author may delete it.
    const refused = await rw("DELETE", `/articles/${slug}/comments/${id}`, { token: other.token });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ errors: { comment: ["forbidden"] } });
    expect((await rw("GET", `/articles/${slug}/comments`)).body.comments).toHaveLength(1);
    const removed = await rw("DELETE", `/articles/${slug}/comments/${id}`, { token: author.token });
    expect(removed.status).toBe(204);
    expect((await rw("GET", `/articles/${slug}/comments`)).body.comments).toEqual([]);
  });

  test("When an admin deletes someone's comment, then 204 and the deletion is audited", async () => {
    const author = await rwUser("admincomment");
    const admin = await rwUser("commentadmin");
    await prisma.user.update({ where: { id: await idOf(admin) }, data: { role: "ADMIN" } });
    const { slug } = await rwArticle(author);
    const { id } = (await comment(author.token, slug, "Spam")).body.comment;
    const removed = await rw("DELETE", `/articles/${slug}/comments/${id}`, { token: admin.token });
    expect(removed.status).toBe(204);
    const audited = await rowsFor({
      action: "comment.delete_by_admin",
      actorId: await idOf(admin),
    });
    expect(audited).toHaveLength(1);
  });

  test("When commenting or deleting without a token, then 401 token is missing", async () => {
    const author = await rwUser("anoncomment");
    const { slug } = await rwArticle(author);
    const create = await rw("POST", `/articles/${slug}/comments`, {
      body: { comment: { body: "anonymous" } },
    });
    expect(create.status).toBe(401);
    expect(create.body).toEqual({ errors: { token: ["is missing"] } });
    const remove = await rw("DELETE", `/articles/${slug}/comments/1`);
    expect(remove.status).toBe(401);
  });

  test("When moderation hides a comment or bans its author, then readers no longer see it, its author still does", async () => {
    const author = await rwUser("threadowner");
    const hidden = await rwUser("hiddencommenter");
    const banned = await rwUser("bannedcommenter");
    const { slug } = await rwArticle(author);
    const a = (await comment(hidden.token, slug, "hidden one")).body.comment.id as number;
    await comment(banned.token, slug, "banned one");
    await comment(author.token, slug, "still here");
    await prisma.comment.update({ where: { id: a }, data: { hiddenAt: new Date() } });
    await prisma.user.update({ where: { id: await idOf(banned) }, data: { bannedAt: new Date() } });
    const seen = await rw("GET", `/articles/${slug}/comments`, { token: author.token });
    expect(seen.body.comments.map((c: { body: string }) => c.body)).toEqual(["still here"]);
    const own = await rw("GET", `/articles/${slug}/comments`, { token: hidden.token });
    expect(own.body.comments.map((c: { body: string }) => c.body)).toEqual([
      "hidden one",
      "still here",
    ]);
  });
});
