import { deserialize, type SuperJSONResult } from "superjson";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { listFeed } from "../../src/posts/posts.service";
import { http, operation } from "../http";
import { asViewer, postRow, signedUpUser } from "../factories";

// The browser's path through the real server: Wasp auth, the createPost action, the getFeed query.
describe("browser chain over HTTP", () => {
  test("When a signed-in user posts through the Wasp action, then the feed query returns the post first", async () => {
    const user = await signedUpUser("writer");
    const created = await operation(
      "create-post",
      { title: "From the browser", content: "Hi" },
      user.sessionId,
    );
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ title: "From the browser", author: { id: user.id } });

    const feed = await operation("get-feed", {});
    expect(feed.status).toBe(200);
    expect(feed.data.items[0]).toMatchObject({ id: created.data.id, title: "From the browser" });
  });

  // getFeed is answered ahead of Wasp's router (src/posts/getFeedRoute.ts), with Wasp's auth
  // middleware run by hand: its refusal must still come back as Wasp's 401.
  test("When the feed query carries a session token that is not valid, then 401 as from any operation", async () => {
    const feed = await operation("get-feed", {}, "not-a-session");
    const other = await operation("get-tags", {}, "not-a-session");
    expect(feed.status).toBe(401);
    expect(other.status).toBe(401);
    expect(feed.body).toEqual(other.body);
  });

  test("When the feed query is spelled in another case or with a trailing slash, then it is served as Wasp would route it", async () => {
    for (const path of ["/operations/GET-FEED", "/operations/get-feed/", "/Operations/get-feed"]) {
      const answer = await http("POST", path, { body: { json: {} } });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(Array.isArray(answer.body.json.items)).toBe(true);
    }
  });

  test("When an anonymous visitor calls the create action, then 401 and nothing is stored", async () => {
    const title = `anon ${Date.now()}`;
    const created = await operation("create-post", { title, content: "x" });
    expect(created.status).toBe(401);
    expect(await prisma.post.count({ where: { title } })).toBe(0);
  });

  test("When the action gets invalid input, then 400 with field errors", async () => {
    const user = await signedUpUser();
    const created = await operation("create-post", { title: "", content: "x" }, user.sessionId);
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toContain("Title is required");
    expect(await prisma.post.count({ where: { authorId: user.id } })).toBe(0);
  });

  // The route serves the cached page's bytes in superjson's envelope, with the reader's flags
  // written in: it must decode to what the service returns for them, dates as Dates.
  test("When a reader who favourited a post and follows its author loads the feed, then getFeed gives the service's page with their flags", async () => {
    const [author, reader] = [await signedUpUser("author"), await signedUpUser("reader")];
    const [older, newer] = [await postRow(author.id), await postRow(author.id)];
    await prisma.favorite.create({ data: { userId: reader.id, postId: older.id } });
    await prisma.follow.create({ data: { followerId: reader.id, followedId: author.id } });
    const args = { author: author.username };

    const signedIn = await operation("get-feed", args, reader.sessionId);
    expect(signedIn.status).toBe(200);
    const page = deserialize(signedIn.body as SuperJSONResult);
    expect(page).toEqual(await listFeed(asViewer(reader), args, { db: prisma }));
    expect(page).toMatchObject({
      items: [
        { id: newer.id, favorited: false, author: { following: true } },
        { id: older.id, favorited: true, author: { following: true }, createdAt: older.createdAt },
      ],
      nextCursor: null,
    });

    const anonymous = deserialize((await operation("get-feed", args)).body as SuperJSONResult) as {
      items: { favorited: boolean; author: { following: boolean } }[];
    };
    expect(anonymous).toEqual(await listFeed(null, args, { db: prisma }));
    expect(anonymous.items.map((post) => [post.favorited, post.author.following])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});
