# Sourced by scripts/*.sh after toolchain.sh. Installs the project's npm dependencies (through
# Wasp, which also prepares .wasp/spec) when they are missing or older than the lockfile.
if [ ! -f "$INKWELL_ROOT/node_modules/.package-lock.json" ] || [ ! -d "$INKWELL_ROOT/.wasp/spec" ] \
  || [ "$INKWELL_ROOT/package-lock.json" -nt "$INKWELL_ROOT/node_modules/.package-lock.json" ]; then
  echo "inkwell: installing npm dependencies (wasp install) ..."
  (cd "$INKWELL_ROOT" && wasp install) || {
    echo "inkwell: installing dependencies failed (see the error above)" >&2
    return 1 2>/dev/null || exit 1
  }
fi
