import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { operation } from "../http";
import { signedUpUser } from "../factories";

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
});
