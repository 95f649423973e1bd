#!/usr/bin/env bash
# npm start: install what is missing, compile, migrate and serve the app (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$INKWELL_ROOT/scripts/lib/install.sh"
cd "$INKWELL_ROOT"
exec node scripts/start.mjs "$@"
