// Two production server bundles behind Debian's nginx on one origin, as `npm run cluster` runs
// them, importable so fault-injection scripts can kill and restart an instance under load:
//   const cluster = await startCluster({ databaseUrl, redisUrl });
//   await cluster.instances[0].kill("SIGKILL"); await cluster.instances[0].restart();
//   await cluster.stop();
// The nginx config is rendered from deploy/nginx/ (shared with Docker Compose) into `runDir`.
import { spawnSync } from "node:child_process";
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
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import {
  inlineScriptHashes,
  nginxAddHeaders,
  webSecurityHeaders,
} from "../../deploy/security-headers.mjs";
import { portFree, startApp, startProcess } from "./app-process.mjs";
import {
  ensureBuilds,
  ensureServerBundle,
  requireCurrentServerBundle,
  WEB_BUILD_DIR,
  webBuildStale,
} from "./build.mjs";
import { run } from "./process.mjs";

const TEMPLATES = "deploy/nginx";

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

/**
 * Rebuilds what is not current: the server bundle, and `webDir`, a copy of a web build that
 * calls `apiUrl` (Wasp fixes vite's output folder, which the browser tests build for another URL).
 */
export async function ensureBuilt({ apiUrl, webDir, rebuild = false, log, env = process.env }) {
  if (!rebuild && !webBuildStale(apiUrl, webDir)) return ensureServerBundle({ log, env });
  await ensureBuilds({ apiUrl, log, env, force: rebuild });
  rmSync(webDir, { recursive: true, force: true });
  cpSync(WEB_BUILD_DIR, webDir, { recursive: true });
  writeFileSync(join(webDir, ".api-url"), apiUrl);
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
  else requireCurrentServerBundle();
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
  const bodyLimit = appEnv.API_BODY_LIMIT ?? process.env.API_BODY_LIMIT ?? "100kb";
  const pids = new Set();
  const savePids = () => writeFileSync(join(runDir, "pids.json"), JSON.stringify([...pids]));

  // Own process groups (Ctrl-C reaches only the launcher), output into runDir/<name>.log.
  const launchOptions = (name) => ({
    name,
    detached: true,
    onSpawn: (child) => {
      pids.add(child.pid);
      savePids();
      child.once("exit", () => {
        pids.delete(child.pid);
        savePids();
      });
    },
    onOutput: (text) => {
      appendFileSync(join(runDir, `${name}.log`), text);
      onOutput?.(name, text);
    },
  });

  const instances = appPorts.map((appPort, index) => {
    const name = `app-${index + 1}`;
    let app = null;
    const instance = {
      name,
      port: appPort,
      url: `http://127.0.0.1:${appPort}`,
      get pid() {
        return app?.pid;
      },
      get running() {
        return app?.alive() ?? false;
      },
      async start() {
        app = null;
        app = await startApp({
          port: appPort,
          env: appEnv,
          readyUrl: `${instance.url}/readyz`,
          ...launchOptions(name),
        });
      },
      /** Sends `signal`; resolves when the process has exited. */
      async kill(signal = "SIGTERM") {
        await app?.stop(signal, 60_000);
      },
      async restart() {
        await instance.stop();
        await instance.start();
      },
      stop: async () => {
        await app?.stop("SIGTERM", drainMs + 15_000);
      },
    };
    return instance;
  });

  let nginx = null;
  const stop = async () => {
    // nginx first (SIGQUIT: finish in-flight requests), then the instances (SIGTERM: drain).
    await nginx?.stop("SIGQUIT", 10_000);
    await Promise.all(instances.map((instance) => instance.stop()));
  };
  try {
    await Promise.all(instances.map((instance) => instance.start()));
    const conf = renderNginx({ runDir, port, url, appPorts, webRoot, bodyLimit });
    const errorLog = join(runDir, "nginx-error.log");
    nginx = await startProcess({
      command: "nginx",
      args: ["-e", errorLog, "-c", conf, "-p", runDir],
      readyUrl: `${url}/healthz`,
      timeoutMs: 10_000,
      ...launchOptions("nginx"),
    }).catch((error) => {
      const errors = existsSync(errorLog) ? readFileSync(errorLog, "utf8").trim().split("\n") : [];
      throw new Error(`${error.message}\n${errors.at(-1) ?? "no error logged"}`);
    });
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
