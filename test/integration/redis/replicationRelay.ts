import { createServer, connect, type Socket } from "node:net";

// A TCP relay between a replica and its master, so a test can make the replica miss writes
// deterministically: while `hold()` is on, what the master sends is dropped, as a congested or
// partitioned link would; `cut()` then closes the link for good. The replica and the master are
// real redis-servers; only the path between them is the test's.
export async function startRelay(listenPort: number, targetPort: number) {
  const sockets = new Set<Socket>();
  let holding = false;
  const server = createServer((downstream) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => {
        downstream.destroy();
        upstream.destroy();
      });
    }
    downstream.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => {
      if (!holding) downstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  return {
    /** From now on the replica receives nothing from its master (the link stays open). */
    hold: () => (holding = true),
    /** Closes every connection and stops listening (the replica's link goes down). */
    cut: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
