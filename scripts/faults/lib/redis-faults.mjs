// A redis-server of the caller's own (no persistence) and the faults the consistency proof
// injects into it: writes paused, the process frozen, the server busy in one long command, and
// a restart that loses every key. Each injector resolves once its fault is over.
import { startRedisServer, withRedis as withAdmin } from "../../lib/redis.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// DEBUG is off by default since Redis 7; "local" allows it from loopback connections only.
const SERVER_ARGS = ["--enable-debug-command", "local"];

/** Milliseconds `command` takes on `client` (null: no answer within `limitMs`). */
async function timed(client, command, limitMs = 3000) {
  const started = performance.now();
  const answered = await Promise.race([
    client.call(...command).then(() => true),
    sleep(limitMs).then(() => false),
  ]);
  return answered ? Math.round(performance.now() - started) : null;
}

export async function startFaultyRedis(port) {
  let server = await startRedisServer(port, { args: SERVER_ARGS });
  const url = server.url;
  const faults = {
    url,
    pid: () => server.pid,
    /** `CLIENT PAUSE <ms> WRITE`: writes (PUBLISH and scripts too) wait; PING and GET answer. */
    async pauseWrites(ms) {
      await withAdmin(url, (client) => client.call("CLIENT", "PAUSE", String(ms), "WRITE"));
      await sleep(ms);
    },
    /** SIGSTOP, then SIGCONT after `ms`: connections stay open, nothing answers meanwhile. */
    async stop(ms) {
      process.kill(server.pid, "SIGSTOP");
      try {
        await sleep(ms);
      } finally {
        process.kill(server.pid, "SIGCONT");
      }
    },
    /** `DEBUG SLEEP`: the server's one thread is busy for `ms`; every client waits. */
    async sleep(ms) {
      await withAdmin(url, (client) => client.call("DEBUG", "SLEEP", String(ms / 1000)));
    },
    /** SIGKILL and a fresh start on the same port: every key (the feed version too) is gone. */
    async restart(downMs = 0) {
      process.kill(server.pid, "SIGKILL");
      await server.exited;
      if (downMs) await sleep(downMs);
      server = await startRedisServer(port, { args: SERVER_ARGS });
    },
    close: () => server.stop(),
  };
  return faults;
}

/**
 * Checks that each injector has the effect it is named for, measured from other connections;
 * returns the measurements and `ok` (on a Redis nobody else is using).
 */
export async function verifyInjectors(faults) {
  // Connected before each fault: a connection opened during one would wait in its handshake.
  const probe = (work) => withAdmin(faults.url, (a) => withAdmin(faults.url, (b) => work(a, b)));
  const checks = {};

  // A PUBLISH waits for the pause while PING and a read answer at once.
  checks.pauseWrites = await probe(async (a, b) => {
    const pause = faults.pauseWrites(400);
    await sleep(30);
    const [publishMs, pingMs, getMs] = await Promise.all([
      timed(a, ["PUBLISH", "inkwell-fault-check", "x"]),
      timed(b, ["PING"]),
      timed(b, ["GET", "inkwell-fault-check"]),
    ]);
    await pause;
    const ok = publishMs !== null && publishMs >= 250 && pingMs < 100 && getMs < 100;
    return { publishMs, pingMs, getMs, ok };
  });

  // A frozen process answers nothing until it is continued; nor does one busy in DEBUG SLEEP.
  for (const kind of ["stop", "sleep"]) {
    checks[kind] = await probe(async (a) => {
      const fault = faults[kind](400);
      await sleep(30);
      const pingMs = await timed(a, ["PING"]);
      await fault;
      return { pingMs, ok: pingMs !== null && pingMs >= 250 };
    });
  }

  // A restart keeps the port and loses the data.
  await withAdmin(faults.url, (client) => client.set("inkwell-fault-check", "before"));
  const pidBefore = faults.pid();
  await faults.restart();
  const keyAfter = await withAdmin(faults.url, (client) => client.get("inkwell-fault-check"));
  const newProcess = faults.pid() !== pidBefore;
  checks.restart = { newProcess, keyAfter, ok: newProcess && keyAfter === null };

  return { ...checks, ok: Object.values(checks).every((check) => check.ok) };
}
