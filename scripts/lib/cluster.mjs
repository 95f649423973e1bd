// Two production server bundles behind Debian's nginx on one origin, as `npm run cluster` runs
// them, importable so fault-injection scripts can kill and restart an instance under load:
//   const cluster = await startCluster({ databaseUrl, redisUrl });
//   await cluster.instances[0].kill("SIGKILL"); await cluster.instances[0].restart();
//   await cluster.stop();
// The nginx config is rendered from deploy/nginx/ (shared with Docker Compose) into `runDir`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  inlineScriptHashes,
  nginxAddHeaders,
  webSecurityHeaders,
} from "../../deploy/security-headers.mjs";
import { run } from "./process.mjs";

const BUNDLE = ".wasp/out/server/bundle/server.js";
const TEMPLATES = "deploy/nginx";
const WEB_BUILD = ".wasp/out/web-app/build";

/** Fills `${INKWELL_*}` placeholders; a placeholder without a value is a bug, not a blank. */
export function renderTemplate(text, values) {
  return text.replace(/\$\{(INKWELL_\w+)\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for \${${name}} in an nginx template`);
    return values[name];
  });
}

/** API_BODY_LIMIT ("100kb", "1mb", bytes) in nginx's size syntax, so both limits agree. */
export function nginxSize(limit) {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(String(limit).trim());
  if (!match) throw new Error(`API_BODY_LIMIT "${limit}" is not a size like 100kb or 1mb`);
  const unit = (match[2] ?? "b").toLowerCase();
  return unit === "b" ? match[1] : `${match[1]}${unit[0]}`;
}

function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function waitFor(url, { timeoutMs = 30_000, child, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

// Secrets are generated once per run folder, so both instances agree and a restarted cluster
// keeps its sessions and tokens valid.
function devSecrets(runDir) {
  const file = join(runDir, "secrets.json");
  if (existsSync(file)) return { secrets: JSON.parse(readFileSync(file, "utf8")), created: false };
  const secrets = {
    JWT_SECRET: randomBytes(48).toString("base64url"),
    API_JWT_SECRET: randomBytes(48).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, created: true };
}

// A launcher killed with SIGKILL leaves its children running (they have their own process
// group so Ctrl-C reaches only the launcher): stop them by the pids it recorded.
export function stopLeftovers(runDir, log = () => {}) {
  const file = join(runDir, "pids.json");
  if (!existsSync(file)) return;
  for (const pid of JSON.parse(readFileSync(file, "utf8"))) {
    let cmdline = "";
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue; // gone
    }
    if (!/server\.js|nginx/.test(cmdline)) continue; // the pid was reused by something else
    log(`stopping pid ${pid}, started by a cluster in ${runDir}`);
    process.kill(pid, "SIGKILL");
  }
}

/** Builds what is missing: the server bundle, and a web build that calls `apiUrl`. */
export async function ensureBuilt({ apiUrl, webDir, rebuild = false, log, env = process.env }) {
  if (rebuild || !existsSync(".wasp/out/server/package.json"))
    await run("wasp", ["compile"], { env });
  if (rebuild || !existsSync(BUNDLE)) {
    log("bundling the server");
    await run("npm", ["--prefix", ".wasp/out/server", "run", "--silent", "bundle"], { env });
  }
  const stamp = join(webDir, ".api-url");
  if (rebuild || !existsSync(stamp) || readFileSync(stamp, "utf8") !== apiUrl) {
    // Wasp fixes vite's output folder, which npm test rebuilds for another API URL: keep a copy.
    log(`building the web app for ${apiUrl}`);
    await run("npx", ["vite", "build", "--logLevel", "warn"], {
      env: { ...env, REACT_APP_API_URL: apiUrl },
    });
    rmSync(webDir, { recursive: true, force: true });
    cpSync(WEB_BUILD, webDir, { recursive: true });
    writeFileSync(stamp, apiUrl);
  }
}

function renderNginx({ runDir, port, url, appPorts, webRoot, bodyLimit }) {
  const values = {
    INKWELL_RUN_DIR: runDir,
    INKWELL_LISTEN: `127.0.0.1:${port}`,
    // As root, nginx's workers would run as `nobody`, who may not read a checkout under /root;
    // workers of a non-root nginx run as the invoking user anyway.
    INKWELL_USER_DIRECTIVE: process.getuid?.() === 0 ? `user ${userInfo().username};` : "",
    INKWELL_UPSTREAM_SERVERS: appPorts
      .map((p) => `server 127.0.0.1:${p} max_fails=2 fail_timeout=5s;`)
      .join("\n    "),
    INKWELL_WEB_ROOT: webRoot,
    INKWELL_CLIENT_MAX_BODY_SIZE: nginxSize(bodyLimit),
  };
  const render = (name) => renderTemplate(readFileSync(join(TEMPLATES, name), "utf8"), values);
  mkdirSync(join(runDir, "tmp"), { recursive: true });
  mkdirSync(join(runDir, "inkwell"), { recursive: true });
  writeFileSync(join(runDir, "nginx.conf"), render("cluster.conf.template"));
  writeFileSync(join(runDir, "common.conf"), render("common.conf.template"));
  writeFileSync(join(runDir, "locations.inc"), render("locations.template"));
  // Same relative include paths as in the Compose nginx (/etc/nginx/inkwell/*.conf).
  writeFileSync(join(runDir, "inkwell/proxy.conf"), readFileSync(join(TEMPLATES, "proxy.conf")));
  // The web build's own API URL (ensureBuilt stamps it), else the cluster's origin.
  const stamp = join(webRoot, ".api-url");
  const headers = webSecurityHeaders({
    apiUrl: existsSync(stamp) ? readFileSync(stamp, "utf8") : url,
    scriptHashes: inlineScriptHashes(webRoot),
  });
  writeFileSync(join(runDir, "inkwell/security-headers.conf"), nginxAddHeaders(headers));
  return join(runDir, "nginx.conf");
}

/** Waits for a child to exit; after `graceMs` it is killed. */
function stopChild(child, signal, graceMs) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  return exited.finally(() => clearTimeout(timer));
}

export async function startCluster(options) {
  const {
    databaseUrl,
    redisUrl,
    port = 8080,
    appPorts = [3401, 3402],
    build = true,
    rebuild = false,
    migrate = true,
    drainMs = 1000,
    env: extraEnv = {},
    log = () => {},
    onOutput,
  } = options;
  if (!databaseUrl) throw new Error("startCluster needs a databaseUrl");
  const nginxBin = spawnSync("nginx", ["-v"], { stdio: "ignore" }).status === 0;
  if (!nginxBin) throw new Error("nginx is not installed: apt-get install -y nginx");
  const runDir = resolve(options.runDir ?? ".data/cluster");
  mkdirSync(runDir, { recursive: true });
  stopLeftovers(runDir, log);
  for (const p of [port, ...appPorts]) {
    if (!(await portFree(p))) throw new Error(`port ${p} is in use (choose other cluster ports)`);
  }

  const url = `http://localhost:${port}`;
  const webRoot = resolve(options.webRoot ?? join(runDir, "web"));
  if (build) await ensureBuilt({ apiUrl: url, webDir: webRoot, rebuild, log });
  if (migrate) {
    log("applying database migrations");
    await run("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
  }

  const { secrets, created } = devSecrets(runDir);
  log(
    `warning: ${created ? "generated" : "using"} development secrets in ${join(runDir, "secrets.json")} (NODE_ENV=production needs them; never use these in a real deployment)`,
  );
  const appEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: "inkwell-cluster:" } : {}),
    // One origin: the browser calls the API through nginx, so CORS allows exactly that.
    WASP_WEB_CLIENT_URL: url,
    WASP_SERVER_URL: url,
    ...secrets,
    SHUTDOWN_DRAIN_MS: String(drainMs),
    TRUST_PROXY: "loopback",
    LOG_FORMAT: "json",
    // A development convenience production refuses to start with (a test process sets it).
    SKIP_EMAIL_VERIFICATION_IN_DEV: undefined,
    ...extraEnv,
  };
  const bodyLimit = appEnv.API_BODY_LIMIT ?? "100kb";
  const pids = new Set();
  const savePids = () => writeFileSync(join(runDir, "pids.json"), JSON.stringify([...pids]));

  function spawnLogged(name, command, args, env) {
    const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const logFile = join(runDir, `${name}.log`);
    const write = (chunk) => {
      appendFileSync(logFile, chunk);
      onOutput?.(name, String(chunk));
    };
    child.stdout.on("data", write);
    child.stderr.on("data", write);
    pids.add(child.pid);
    savePids();
    child.once("exit", () => {
      pids.delete(child.pid);
      savePids();
    });
    return child;
  }

  const instances = appPorts.map((appPort, index) => {
    const name = `app-${index + 1}`;
    let child = null;
    const instance = {
      name,
      port: appPort,
      url: `http://127.0.0.1:${appPort}`,
      get pid() {
        return child?.pid;
      },
      get running() {
        return child !== null && child.exitCode === null && child.signalCode === null;
      },
      async start() {
        child = spawnLogged(name, process.execPath, [BUNDLE], { ...appEnv, PORT: String(appPort) });
        await waitFor(`${instance.url}/readyz`, { child, what: name }).catch((error) => {
          const tail = readFileSync(join(runDir, `${name}.log`), "utf8")
            .trim()
            .split("\n");
          throw new Error(`${error.message}; its log ends:\n${tail.slice(-5).join("\n")}`);
        });
      },
      /** Sends `signal`; resolves when the process has exited. */
      kill(signal = "SIGTERM") {
        return stopChild(child, signal, 60_000);
      },
      async restart() {
        await stopChild(child, "SIGTERM", drainMs + 15_000);
        await instance.start();
      },
      stop: () => stopChild(child, "SIGTERM", drainMs + 15_000),
    };
    return instance;
  });

  let nginx = null;
  const stop = async () => {
    // nginx first (SIGQUIT: finish in-flight requests), then the instances (SIGTERM: drain).
    if (nginx) await stopChild(nginx, "SIGQUIT", 10_000);
    await Promise.all(instances.map((instance) => instance.stop()));
  };
  try {
    await Promise.all(instances.map((instance) => instance.start()));
    const conf = renderNginx({ runDir, port, url, appPorts, webRoot, bodyLimit });
    nginx = spawnLogged(
      "nginx",
      "nginx",
      ["-e", join(runDir, "nginx-error.log"), "-c", conf, "-p", runDir],
      process.env,
    );
    await waitFor(`${url}/healthz`, { child: nginx, what: "nginx", timeoutMs: 10_000 }).catch(
      (error) => {
        const errors = readFileSync(join(runDir, "nginx-error.log"), "utf8").trim().split("\n");
        throw new Error(`${error.message}: ${errors.at(-1) ?? "no error logged"}`);
      },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    runDir,
    instances,
    nginx: {
      get pid() {
        return nginx?.pid;
      },
    },
    stop,
  };
}
